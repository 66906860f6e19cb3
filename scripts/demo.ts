/**
 * `npm run demo`: records the ROK–Cuba seed case (docs: /work/shared/DOMAIN.md) through the
 * HTTP API of a RUNNING service, then prints where both missions stand.
 *
 *   ENVOY_URL    base URL of the service (default http://localhost:3000)
 *   ENVOY_TOKEN  a staff (or admin) bearer token; without it the staff entry of
 *                ${DATA_DIR:-./data}/tokens.json is used (the service writes that file on
 *                its first start when AUTH_TOKENS is unset)
 *
 * Every step sends a stable Idempotency-Key (`demo-rok-cuba-<step>`), so running the demo
 * again records nothing new and still succeeds. Uses nothing but Node's fetch.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface DemoOptions {
  /** e.g. http://localhost:3000 (a trailing slash is fine). */
  readonly baseUrl: string;
  /** A bearer token with the staff (or admin) role. */
  readonly token: string;
  /** Where the readable report goes, one line at a time (default: stdout). */
  readonly log?: (line: string) => void;
  /** How long to wait for the process manager to plan missions from a meeting (default 10 s). */
  readonly planTimeoutMs?: number;
  /** Per-request timeout (default 10 s). */
  readonly requestTimeoutMs?: number;
}

export interface DemoStep {
  readonly step: string;
  readonly title: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** True when the service answered from an earlier run (Idempotent-Replayed). */
  readonly replayed: boolean;
}

export interface MissionView {
  readonly id: string;
  readonly sendingState: string;
  readonly receivingState: string;
  readonly city: string;
  readonly status: string;
  readonly agreedOn: string;
  readonly targets: {
    readonly temporaryOfficeBy: string | null;
    readonly embassyBy: string | null;
  };
  readonly diplomats: readonly {
    readonly diplomatId: string;
    readonly name: string;
    readonly dispatchedOn: string;
    readonly arrivedOn: string | null;
  }[];
  readonly temporaryOffice: { readonly openedOn: string; readonly address: string | null } | null;
  readonly embassy: { readonly openedOn: string; readonly address: string | null } | null;
  readonly sources: readonly { readonly meetingId: string; readonly outcomeId: string }[];
  /** When each fact happened and when (and by whom) it was recorded, where the view has it. */
  readonly milestones?: readonly {
    readonly type: string;
    readonly occurredOn: string;
    readonly recordedAt: string;
    readonly recordedBy: string | null;
  }[];
  readonly revision: number;
}

export interface DemoResult {
  readonly steps: readonly DemoStep[];
  readonly missions: { readonly havana: MissionView; readonly seoul: MissionView };
}

/** Why the demo stopped: the message says what went wrong and what to do. */
export class DemoError extends Error {
  override readonly name = 'DemoError';
}

export const HAVANA = 'kr-cu-havana';
export const SEOUL = 'cu-kr-seoul';
const KEY_PREFIX = 'demo-rok-cuba-';
const INDENT = '      ';
const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  422: 'Unprocessable',
  503: 'Unavailable',
};

function statusText(status: number): string {
  return STATUS_TEXT[status] ?? '';
}

/** 2024-04-24..27: the ROK delegation in Havana; permanent missions in both capitals agreed. */
const HAVANA_MEETING = {
  title: 'ROK delegation visit to Havana',
  heldOn: '2024-04-27',
  place: 'Havana',
  parties: ['KR', 'CU'],
  outcomes: [
    {
      kind: 'establish-missions',
      summary:
        'Permanent diplomatic missions to be opened in both capitals; a temporary office in Havana is planned',
      missions: [
        { sendingState: 'KR', receivingState: 'CU', city: 'Havana' },
        { sendingState: 'CU', receivingState: 'KR', city: 'Seoul' },
      ],
    },
  ],
};

/** 2024-06-12: the Seoul meeting of the press release. */
const SEOUL_MEETING = {
  title: 'ROK–Cuba bilateral meeting',
  heldOn: '2024-06-12',
  place: 'Seoul',
  parties: ['KR', 'CU'],
  participants: [
    { name: 'Chung Byung-won', title: 'Deputy Minister for Political Affairs', state: 'KR' },
    {
      name: 'Carlos Miguel Pereira Hernández',
      title: 'Director General for Bilateral Affairs',
      state: 'CU',
    },
  ],
  outcomes: [
    {
      kind: 'establish-missions',
      summary:
        'Open permanent missions in both capitals as soon as possible; the ROK temporary office in Havana within the first half of the year',
      missions: [
        {
          sendingState: 'KR',
          receivingState: 'CU',
          city: 'Havana',
          targets: { temporaryOfficeBy: '2024-06-30' },
        },
        { sendingState: 'CU', receivingState: 'KR', city: 'Seoul' },
      ],
    },
    {
      kind: 'cooperation',
      summary: 'Interest in substantive cooperation',
      areas: ['trade', 'investment', 'agriculture', 'energy', 'health'],
    },
  ],
};

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

/** Records the ROK–Cuba case step by step; throws a DemoError on the first problem. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const api = new DemoClient(
    options.baseUrl.replace(/\/+$/, ''),
    options.token,
    options.requestTimeoutMs ?? 10_000,
  );
  const planTimeoutMs = options.planTimeoutMs ?? 10_000;
  const steps: DemoStep[] = [];
  /** The latest revision each mission's commands answered, to read the missions at. */
  const revisions = new Map<string, number>();

  const post = async (
    step: string,
    title: string,
    path: string,
    body: object,
    notes: readonly string[] = [],
  ): Promise<Answer> => {
    const answer = await api.send('POST', path, body, `${KEY_PREFIX}${step}`);
    const ok = answer.status >= 200 && answer.status < 300;
    steps.push({
      step,
      title,
      method: 'POST',
      path,
      status: answer.status,
      replayed: answer.replayed,
    });
    const replay = answer.replayed ? ', replayed: already recorded by an earlier run' : '';
    log(`  (${step[0]}) ${title}`);
    log(`${INDENT}POST ${path} → ${answer.status} ${statusText(answer.status)}${replay}`);
    for (const note of notes) log(`${INDENT}note: ${note}`);
    if (!ok) throw new DemoError(`step ${step} failed: ${describeProblem(answer)}`);
    const { missionId, revision } = (answer.body ?? {}) as {
      missionId?: unknown;
      revision?: unknown;
    };
    if (typeof missionId === 'string' && typeof revision === 'number') {
      revisions.set(missionId, Math.max(revision, revisions.get(missionId) ?? revision));
    }
    return answer;
  };

  log(`Envoy Ledger demo: the ROK–Cuba case, against ${api.baseUrl}`);
  await api.checkHealth();
  log('');

  // (a) The Havana meeting of 2024-04-24..27: both missions agreed.
  const havanaMeeting = await post(
    'a-havana-meeting',
    '2024-04-27 Havana meeting: permanent missions in both capitals agreed',
    '/api/meetings',
    HAVANA_MEETING,
  );
  const havanaMeetingId = meetingIdOf(havanaMeeting);
  await waitForSource(api, [HAVANA, SEOUL], havanaMeetingId, planTimeoutMs, log);

  // (b) The Seoul meeting of 2024-06-12 reaffirms both and sets Havana's temporary-office target.
  const seoulMeeting = await post(
    'b-seoul-meeting',
    '2024-06-12 Seoul meeting: missions reaffirmed, Havana temporary office by 2024-06-30, cooperation',
    '/api/meetings',
    SEOUL_MEETING,
  );
  const seoulMeetingId = meetingIdOf(seoulMeeting);
  await waitForSource(api, [HAVANA, SEOUL], seoulMeetingId, planTimeoutMs, log);

  // (c) The Cuban opening-team diplomat in Seoul.
  const cuban = await post(
    'c-cuban-dispatch',
    'Mario Alzugaray Rodríguez dispatched to Seoul',
    `/api/missions/${SEOUL}/diplomats`,
    {
      name: 'Mario Alzugaray Rodríguez',
      title: 'Diplomat',
      role: 'head-of-office',
      dispatchedOn: '2024-05-12',
    },
    ['the dispatch date is not public: recorded as the arrival date'],
  );
  await post(
    'c-cuban-arrival',
    'Mario Alzugaray Rodríguez arrived in Seoul on 2024-05-12',
    `/api/missions/${SEOUL}/diplomats/${diplomatIdOf(cuban)}/arrival`,
    { arrivedOn: '2024-05-12' },
  );

  // (d) The Korean opening-team diplomat in Havana.
  const korean = await post(
    'd-korean-dispatch',
    'Korean opening-team diplomat dispatched to Havana on 2024-06-10',
    `/api/missions/${HAVANA}/diplomats`,
    {
      name: 'Korean opening-team diplomat',
      title: 'Diplomat',
      role: 'head-of-office',
      dispatchedOn: '2024-06-10',
      expectedArrivalOn: '2024-06-14',
    },
    ['the name is not public; the dispatch date is approximate ("arrives this week")'],
  );
  await post(
    'd-korean-arrival',
    'Korean opening-team diplomat arrived in Havana on 2024-06-14',
    `/api/missions/${HAVANA}/diplomats/${diplomatIdOf(korean)}/arrival`,
    { arrivedOn: '2024-06-14' },
  );

  // (e) The Havana temporary office: its date is not public.
  await post(
    'e-havana-temporary-office',
    'Havana temporary office opened at Miramar Business Center on 2024-06-28',
    `/api/missions/${HAVANA}/temporary-office`,
    { openedOn: '2024-06-28', address: 'Miramar Business Center, Havana' },
    [
      'recorded late, date estimated: the opening date is not public (the press release said ' +
        '"within the first half of the year"); the service keeps both when it happened and when it was recorded',
    ],
  );

  // (f), (g) The embassies.
  await post(
    'f-havana-embassy',
    'Korean embassy in Havana opened on 2025-01-17',
    `/api/missions/${HAVANA}/embassy`,
    { openedOn: '2025-01-17' },
  );
  await post(
    'g-seoul-embassy',
    'Cuban embassy in Seoul opened on 2025-06-10',
    `/api/missions/${SEOUL}/embassy`,
    { openedOn: '2025-06-10' },
  );

  // Read both once the mission view shows every revision the commands above answered.
  const deadline = Date.now() + planTimeoutMs;
  const [havana, seoul] = await Promise.all(
    [HAVANA, SEOUL].map((id) =>
      waitForMission(
        api,
        id,
        (m) => m.revision >= (revisions.get(id) ?? 0),
        deadline,
        `mission ${id} did not show revision ${revisions.get(id)} within ${planTimeoutMs} ms`,
      ),
    ),
  );
  log('');
  log('Where the missions stand:');
  for (const mission of [havana, seoul]) {
    for (const line of describeMission(mission)) log(line);
  }
  const created = steps.filter((s) => !s.replayed).length;
  log('');
  log(
    created === 0
      ? `Done: all ${steps.length} steps were already recorded (the demo is idempotent).`
      : `Done: ${steps.length} steps, ${created} recorded now, ${steps.length - created} already recorded.`,
  );
  return { steps, missions: { havana, seoul } };
}

/** Waits (bounded) until the process manager has planned or linked each mission from the meeting. */
async function waitForSource(
  api: DemoClient,
  missionIds: readonly string[],
  meetingId: string,
  timeoutMs: number,
  log: (line: string) => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const missionId of missionIds) {
    const mission = await waitForMission(
      api,
      missionId,
      (m) => m.sources.some((s) => s.meetingId === meetingId),
      deadline,
      `mission ${missionId} was not planned from meeting ${meetingId} within ${timeoutMs} ms: ` +
        'is the service planning missions from meetings (see its log)?',
    );
    log(`${INDENT}${missionId}: ${mission.status}, planned from meeting ${meetingId}`);
  }
}

/**
 * Polls GET /api/missions/:id (bounded by `deadline`) until `ready` holds: the mission may be
 * planned asynchronously and read from a read model that follows the log.
 */
async function waitForMission(
  api: DemoClient,
  missionId: string,
  ready: (mission: MissionView) => boolean,
  deadline: number,
  failure: string,
): Promise<MissionView> {
  for (;;) {
    const mission = await api.mission(missionId);
    if (mission !== undefined && ready(mission)) return mission;
    if (Date.now() >= deadline) throw new DemoError(failure);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

class DemoClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  async checkHealth(): Promise<void> {
    const answer = await this.request('GET', '/health');
    if (answer.status !== 200) {
      throw new DemoError(
        `${this.baseUrl}/health answered ${answer.status}: the service is not ready (${describeProblem(answer)})`,
      );
    }
  }

  send(method: string, path: string, body: object, idempotencyKey: string): Promise<Answer> {
    return this.request(method, path, body, { 'Idempotency-Key': idempotencyKey });
  }

  /** The mission, or undefined while it is not planned (404). */
  async mission(missionId: string): Promise<MissionView | undefined> {
    const answer = await this.request('GET', `/api/missions/${missionId}`);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) {
      throw new DemoError(`GET /api/missions/${missionId} failed: ${describeProblem(answer)}`);
    }
    return answer.body as MissionView;
  }

  private async request(
    method: string,
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new DemoError(
        `cannot reach the service at ${this.baseUrl} (${causeOf(error)}). ` +
          'Start it with `npm start` (or set ENVOY_URL to where it runs).',
      );
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: keep the text for the error message.
    }
    if (response.status === 401) {
      throw new DemoError(
        `the service refused the token (401) on ${method} ${path}: set ENVOY_TOKEN to a staff ` +
          "token, or DATA_DIR to the service's data directory so its tokens.json is used",
      );
    }
    return {
      status: response.status,
      body: parsed,
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  }
}

function meetingIdOf(answer: Answer): string {
  const id = (answer.body as { meetingId?: unknown } | null)?.meetingId;
  if (typeof id !== 'string') throw new DemoError('the service answered without a meetingId');
  return id;
}

function diplomatIdOf(answer: Answer): string {
  const id = (answer.body as { diplomatId?: unknown } | null)?.diplomatId;
  if (typeof id !== 'string') throw new DemoError('the service answered without a diplomatId');
  return id;
}

/** The problem+json detail (and field errors) of a failed answer, on one line. */
function describeProblem(answer: Answer): string {
  const body = answer.body;
  if (body === null || typeof body !== 'object') {
    return `HTTP ${answer.status}${typeof body === 'string' && body !== '' ? `: ${body.slice(0, 300)}` : ''}`;
  }
  const problem = body as {
    title?: unknown;
    detail?: unknown;
    type?: unknown;
    errors?: { path?: unknown; message?: unknown }[];
  };
  const parts = [`HTTP ${answer.status}`];
  if (typeof problem.title === 'string') parts.push(problem.title);
  if (typeof problem.detail === 'string') parts.push(problem.detail);
  if (typeof problem.type === 'string') parts.push(`(${problem.type})`);
  const errors = Array.isArray(problem.errors)
    ? problem.errors.map((e) => `${String(e.path)}: ${String(e.message)}`)
    : [];
  return `${parts.join(' — ')}${errors.length > 0 ? ` [${errors.join('; ')}]` : ''}`;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function describeMission(mission: MissionView): string[] {
  const lines = [
    `  ${mission.id} (${mission.sendingState} in ${mission.city}, ${mission.receivingState}): ${mission.status}, revision ${mission.revision}`,
    `      agreed on ${mission.agreedOn}; ${mission.sources.length} source meeting(s)` +
      (mission.targets.temporaryOfficeBy
        ? `; temporary office target ${mission.targets.temporaryOfficeBy}`
        : ''),
  ];
  for (const diplomat of mission.diplomats) {
    lines.push(
      `      diplomat ${diplomat.name}: dispatched ${diplomat.dispatchedOn}, ` +
        (diplomat.arrivedOn ? `arrived ${diplomat.arrivedOn}` : 'not yet arrived'),
    );
  }
  if (mission.temporaryOffice) {
    const at = mission.temporaryOffice.address ? ` at ${mission.temporaryOffice.address}` : '';
    const recorded = mission.milestones?.find((m) => m.type === 'TemporaryOfficeOpened');
    const audit = recorded
      ? ` (recorded ${recorded.recordedAt.slice(0, 10)}${recorded.recordedBy ? ` by ${recorded.recordedBy}` : ''})`
      : '';
    lines.push(`      temporary office opened ${mission.temporaryOffice.openedOn}${at}${audit}`);
  }
  if (mission.embassy) lines.push(`      embassy opened ${mission.embassy.openedOn}`);
  return lines;
}

/** ENVOY_TOKEN, else the staff token of ${DATA_DIR:-./data}/tokens.json. */
export function tokenFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.ENVOY_TOKEN;
  if (given !== undefined && given !== '') return given;
  const file = resolve(env.DATA_DIR || 'data', 'tokens.json');
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'not found' : causeOf(error);
    throw new DemoError(
      `no token: set ENVOY_TOKEN to a staff token, or start the service once with AUTH_TOKENS ` +
        `unset so it writes ${file} (${reason})`,
    );
  }
  const staff = Array.isArray(entries)
    ? (entries as { role?: unknown; token?: unknown }[]).find((e) => e?.role === 'staff')
    : undefined;
  if (typeof staff?.token !== 'string') {
    throw new DemoError(`${file} has no staff token: set ENVOY_TOKEN to a staff token`);
  }
  return staff.token;
}

async function main(): Promise<void> {
  try {
    await runDemo({
      baseUrl: process.env.ENVOY_URL || 'http://localhost:3000',
      token: tokenFromEnvironment(),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\ndemo failed: ${message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
