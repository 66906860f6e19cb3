/**
 * `npm run demo`: records the ROK–Cuba seed case (docs: /work/shared/DOMAIN.md) through the
 * HTTP API of a RUNNING service, then prints where both missions stand.
 *
 *   ENVOY_URL    base URL of the service, http:// or https://, a path prefix allowed; no
 *                credentials, query or fragment (default http://localhost:3000)
 *   ENVOY_TOKEN  a staff (or admin) bearer token; without it the staff entry of
 *                ${DATA_DIR:-./data}/tokens.json is used (the service writes that file on
 *                its first start when AUTH_TOKENS is unset)
 *
 * Both tracks of each mission are recorded: the premises (opening team, temporary office,
 * embassy) and the head of mission (agrément, appointment, credentials), which real missions run
 * independently. Every step sends a stable Idempotency-Key (`demo-rok-cuba-<step>`), so running
 * the demo again records nothing new and still succeeds. Uses nothing but Node's fetch.
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
  /** The head of mission in office, else the nominee under way; null when there is neither. */
  readonly headOfMission: HeadOfMissionView | null;
  /** The chargé d'affaires a.i. heading the mission while no head is in office. */
  readonly chargeDAffaires: {
    readonly name: string;
    readonly title: string;
    readonly designatedOn: string;
  } | null;
  readonly headOfMissionMilestones?: readonly {
    readonly type: string;
    readonly occurredOn: string;
    readonly data: Readonly<Record<string, unknown>>;
  }[];
  readonly revision: number;
  /** The position of the view's latest change. */
  readonly position: string;
}

export interface HeadOfMissionView {
  readonly headOfMissionId: string;
  readonly name: string;
  readonly title: string;
  readonly stage: string;
  readonly agrementGrantedOn: string | null;
  readonly appointedOn: string | null;
  readonly copyOfCredentialsPresentedOn: string | null;
  readonly credentialsPresentedOn: string | null;
  /** When functions commenced (= credentialsPresentedOn). */
  readonly precedenceDate: string | null;
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

/** One step of a head-of-mission track after the nomination. */
interface TrackStep {
  readonly key: string;
  readonly path: string;
  readonly title: string;
  readonly body: object;
  readonly notes?: readonly string[];
}

interface HeadOfMissionTrack {
  readonly who: string;
  readonly name: string;
  readonly title: string;
  readonly nominatedOn: string;
  readonly nominationNotes: readonly string[];
  readonly steps: readonly TrackStep[];
}

const AGREMENT_ESTIMATE =
  'estimate: agrément dates are not public; a plausible date before the appointment is recorded';

/** Cuba's first ambassador in Seoul: accredited five months before Cuba's embassy opened. */
const CUBAN_AMBASSADOR: HeadOfMissionTrack = {
  who: 'cuban-ambassador',
  name: 'Claudio Monzón Baeza',
  title: 'Ambassador Extraordinary and Plenipotentiary',
  nominatedOn: '2024-08-01',
  nominationNotes: ['estimate: the nomination date is not public'],
  steps: [
    {
      key: 'agrement-request',
      path: 'agrement-request',
      title: 'Agrément for Claudio Monzón Baeza requested from the Republic of Korea',
      body: { requestedOn: '2024-08-15' },
      notes: [AGREMENT_ESTIMATE],
    },
    {
      key: 'agrement',
      path: 'agrement',
      title: 'Agrément granted by the Republic of Korea',
      body: { grantedOn: '2024-09-20' },
      notes: [AGREMENT_ESTIMATE],
    },
    {
      key: 'appointment',
      path: 'appointment',
      title: 'Claudio Monzón Baeza appointed ambassador to the Republic of Korea',
      body: { appointedOn: '2024-10-15' },
      notes: ['estimate: the appointment date is not public'],
    },
    {
      key: 'arrival',
      path: 'arrival',
      title: 'Claudio Monzón Baeza arrived in Seoul',
      body: { arrivedOn: '2024-12-20' },
      notes: ['estimate: the arrival date is not public'],
    },
    {
      key: 'copy-of-credentials',
      path: 'copy-of-credentials',
      title: 'Copy of credentials presented to the Korean foreign ministry on 2025-01-06',
      body: { presentedOn: '2025-01-06' },
    },
    {
      key: 'credentials',
      path: 'credentials',
      title: 'Credentials presented in Seoul on 2025-01-07: functions commence',
      body: { presentedOn: '2025-01-07' },
      notes: [
        'five months before the Cuban embassy opened (2025-06-10): the two tracks are independent',
      ],
    },
  ],
};

/** Korea's first ambassador in Havana: accredited after Korea's embassy opened. */
const KOREAN_AMBASSADOR: HeadOfMissionTrack = {
  who: 'korean-ambassador',
  name: 'Lee Ho-yul',
  title: 'Ambassador Extraordinary and Plenipotentiary',
  nominatedOn: '2024-11-20',
  nominationNotes: ['estimate: the nomination date is not public'],
  steps: [
    {
      key: 'agrement-request',
      path: 'agrement-request',
      title: 'Agrément for Lee Ho-yul requested from Cuba',
      body: { requestedOn: '2024-12-02' },
      notes: [AGREMENT_ESTIMATE],
    },
    {
      key: 'agrement',
      path: 'agrement',
      title: 'Agrément granted by Cuba',
      body: { grantedOn: '2025-01-20' },
      notes: [AGREMENT_ESTIMATE],
    },
    {
      key: 'appointment',
      path: 'appointment',
      title: 'Lee Ho-yul named first ROK ambassador to Cuba on 2025-01-31',
      body: { appointedOn: '2025-01-31' },
    },
    {
      key: 'arrival',
      path: 'arrival',
      title: 'Lee Ho-yul arrived in Havana',
      body: { arrivedOn: '2025-02-06' },
      notes: ['estimate: the arrival date is not public'],
    },
    {
      key: 'copy-of-credentials',
      path: 'copy-of-credentials',
      title: 'Copy of credentials presented to the Cuban foreign ministry on 2025-02-11',
      body: { presentedOn: '2025-02-11' },
    },
    {
      key: 'credentials',
      path: 'credentials',
      title: 'Credentials presented to the President of Cuba on 2025-02-25: functions commence',
      body: { presentedOn: '2025-02-25' },
      notes: ['after the Korean embassy opened (2025-01-17): the two tracks are independent'],
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
  /** The latest position each mission's commands answered, to read the missions at. */
  const positions = new Map<string, string>();

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
    const { missionId, position } = (answer.body ?? {}) as {
      missionId?: unknown;
      position?: unknown;
    };
    if (typeof missionId === 'string' && typeof position === 'string') {
      const latest = positions.get(missionId);
      if (latest === undefined || position > latest) positions.set(missionId, position);
    }
    return answer;
  };

  /** Nominates the head of mission, then records each step of the track. */
  const headOfMission = async (letter: string, missionId: string, track: HeadOfMissionTrack) => {
    const nominated = await post(
      `${letter}-${track.who}-nomination`,
      `${track.name} nominated head of mission of ${missionId} (${track.title})`,
      `/api/missions/${missionId}/head-of-mission`,
      { name: track.name, title: track.title, nominatedOn: track.nominatedOn },
      track.nominationNotes,
    );
    const path = `/api/missions/${missionId}/head-of-mission/${headOfMissionIdOf(nominated)}`;
    for (const step of track.steps) {
      await post(
        `${letter}-${track.who}-${step.key}`,
        step.title,
        `${path}/${step.path}`,
        step.body,
        step.notes,
      );
    }
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

  // (h) The head-of-mission track runs independently of the premises: Cuba's ambassador.
  await headOfMission('h', SEOUL, CUBAN_AMBASSADOR);

  // (i) Korea's embassy opened before its ambassador was accredited: a chargé a.i. headed it.
  await post(
    'i-havana-charge-d-affaires',
    'A Korean chargé d’affaires a.i. heads the Havana embassy from its opening on 2025-01-17',
    `/api/missions/${HAVANA}/charge-d-affaires`,
    { name: 'Korean chargé d’affaires a.i.', title: 'Counsellor', designatedOn: '2025-01-17' },
    [
      'the name is not public; a chargé d’affaires a.i. heads an embassy until its head of mission ' +
        'presents credentials (VCDR art. 19)',
    ],
  );

  // (j) Korea's first ambassador to Cuba.
  await headOfMission('j', HAVANA, KOREAN_AMBASSADOR);

  // Read both once the mission view shows every position the commands above answered.
  const deadline = Date.now() + planTimeoutMs;
  const [havana, seoul] = await Promise.all(
    [HAVANA, SEOUL].map((id) =>
      waitForMission(
        api,
        id,
        (m) => m.position >= (positions.get(id) ?? ''),
        deadline,
        `mission ${id} did not show position ${positions.get(id)} within ${planTimeoutMs} ms`,
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

function headOfMissionIdOf(answer: Answer): string {
  const id = (answer.body as { headOfMissionId?: unknown } | null)?.headOfMissionId;
  if (typeof id !== 'string') throw new DemoError('the service answered without a headOfMissionId');
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
  lines.push(...describeHeadOfMission(mission));
  return lines;
}

function describeHeadOfMission(mission: MissionView): string[] {
  const lines: string[] = [];
  const head = mission.headOfMission;
  for (const designated of mission.headOfMissionMilestones ?? []) {
    if (designated.type !== 'ChargeDAffairesDesignated') continue;
    const until =
      mission.chargeDAffaires === null && head?.credentialsPresentedOn
        ? `, until the ambassador's credentials on ${head.credentialsPresentedOn}`
        : '';
    lines.push(
      `      chargé d'affaires a.i. ${String(designated.data.name)} from ${designated.occurredOn}${until}`,
    );
  }
  if (head === null) {
    lines.push('      head of mission: none nominated');
  } else if (head.precedenceDate !== null) {
    lines.push(
      `      head of mission ${head.name}, ${head.title}: credentials presented ${head.precedenceDate} ` +
        `(precedence date; copy ${head.copyOfCredentialsPresentedOn ?? 'not recorded'}, ` +
        `agrément ${head.agrementGrantedOn ?? 'not recorded'} (estimate))`,
    );
  } else {
    lines.push(`      head of mission ${head.name} (designate): ${head.stage}`);
  }
  return lines;
}

/**
 * ENVOY_URL, else http://localhost:3000: the service's base URL, to which the demo adds
 * `/api/…` paths (after a path prefix too, for a reverse proxy). Refused: one that is not an
 * http(s) URL; one with a user name or password (never repeated: the token goes in
 * ENVOY_TOKEN); one with a query or a fragment, which the paths would land in.
 */
export function serviceUrlFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.ENVOY_URL || 'http://localhost:3000';
  const url = parsedUrl(given);
  if (url !== null && (url.username !== '' || url.password !== '')) {
    throw new DemoError(
      'ENVOY_URL must not carry a user name or password (not repeated here): set it to ' +
        'where the service runs, as http://host:port, and the token in ENVOY_TOKEN',
    );
  }
  if (url === null || !['http:', 'https:'].includes(url.protocol)) {
    // Not echoed when it has an `@`: where a user name and password would end is not known.
    const shown = given.includes('@') ? '' : `: ${JSON.stringify(given)}`;
    throw new DemoError(
      `ENVOY_URL is not a URL of the service${shown}; ` +
        'set it to where the service runs, as http://host:port (default http://localhost:3000)',
    );
  }
  if (/[?#]/.test(given)) {
    throw new DemoError(
      `ENVOY_URL must not have a query or a fragment: ${JSON.stringify(given)}; the demo adds ` +
        '/api/… paths to it: set it to where the service runs, as http://host:port[/prefix]',
    );
  }
  return given;
}

/** `given` as a URL, or null (URL.parse comes only with Node 20.18). */
function parsedUrl(given: string): URL | null {
  try {
    return new URL(given);
  } catch {
    return null;
  }
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
      baseUrl: serviceUrlFromEnvironment(),
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
