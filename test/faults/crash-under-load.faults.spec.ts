import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sequenceToPosition } from '../../src/event-store/sqlite/sequence-position.js';
import { verifyEventStoreFile } from '../../src/operations/backup.js';
import { TOKENS } from '../support/test-app.js';
import { startService, type ServiceProcess } from '../support/service-process.js';
import { LiveFeedFollower, type MissionView } from './support/live-feed-follower.js';
import { readStoreFile, type StoredEvent } from './support/store-file.js';
import { waitFor } from '../support/wait-for.js';
import { sleep } from './support/wait.js';

/**
 * Crash under load: the service runs as a child process on the embedded store while
 * writers send commands (each with its own Idempotency-Key) and a dashboard follows the
 * live feed; it is killed with SIGKILL at a random moment, restarted, and the commands
 * left without an answer are retried with their key, as a client would. Then: every
 * acknowledged command's events are in the store exactly once, no command left a part
 * of its events, every hash chain holds, the read models equal a fresh rebuild, and the
 * live feed, resumed with Last-Event-ID across every crash, missed nothing.
 */
const CYCLES = Number(process.env.FAULT_CYCLES ?? 24);
const WRITERS = 6;

interface Command {
  readonly key: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  status?: number;
  response?: Record<string, unknown>;
  attempts: number;
}

interface ProjectionStatus {
  name: string;
  position: string;
  generation: number;
  lag: { events: number };
  state: string;
}

const auth = (role: keyof typeof TOKENS) => ({ Authorization: `Bearer ${TOKENS[role]}` });

async function send(url: string, command: Command): Promise<void> {
  command.attempts += 1;
  const response = await fetch(`${url}${command.path}`, {
    method: 'POST',
    headers: {
      ...auth('staff'),
      'Content-Type': 'application/json',
      'Idempotency-Key': command.key,
    },
    body: JSON.stringify(command.body),
  });
  const body = (await response.json()) as Record<string, unknown>;
  command.status = response.status;
  command.response = body;
}

async function getJson<T>(url: string, path: string, role: keyof typeof TOKENS): Promise<T> {
  const response = await fetch(`${url}${path}`, { headers: auth(role) });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

async function caughtUp(url: string): Promise<ProjectionStatus[]> {
  return waitFor('projections to catch up', async () => {
    const statuses = await getJson<ProjectionStatus[]>(url, '/api/admin/projections', 'admin');
    return statuses.every((p) => p.lag.events === 0 && p.state === 'live') ? statuses : undefined;
  });
}

async function allMissions(url: string): Promise<MissionView[]> {
  const missions: MissionView[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await getJson<{ total: number; missions: MissionView[] }>(
      url,
      `/api/missions?limit=200&offset=${offset}`,
      'viewer',
    );
    missions.push(...page.missions);
    if (missions.length >= page.total || page.missions.length === 0) return missions;
  }
}

describe('Crash under load (kill -9)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'envoy-crash-'));
  const eventsFile = join(dataDir, 'events.sqlite');
  let service: ServiceProcess | undefined;
  const follower = new LiveFeedFollower();

  afterAll(async () => {
    await follower.stop();
    await service?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged command exactly once, and nothing half-written', async () => {
    const commands: Command[] = [];
    const missions: string[] = [];
    const dispatched: { missionId: string; diplomatId: string }[] = [];
    let unansweredAtKill = 0;
    let retried = 0;

    const newCommand = (cycle: number, writer: number, n: number): Command => {
      const key = `crash-${cycle}-${writer}-${n}`;
      const pick = Math.random();
      if (missions.length < 4 || pick < 0.25) {
        return {
          key,
          path: '/api/missions',
          body: {
            sendingState: 'KR',
            receivingState: 'CU',
            city: `Crash City ${cycle}-${writer}-${n}`,
            agreedOn: '2024-06-12',
          },
          attempts: 0,
        };
      }
      const missionId = missions[Math.floor(Math.random() * missions.length)];
      if (pick < 0.6 || dispatched.length === 0) {
        return {
          key,
          path: `/api/missions/${missionId}/diplomats`,
          body: {
            name: `Diplomat ${key}`,
            title: 'Counsellor',
            role: 'staff',
            dispatchedOn: '2024-06-10',
          },
          attempts: 0,
        };
      }
      if (pick < 0.85) {
        const d = dispatched[Math.floor(Math.random() * dispatched.length)];
        return {
          key,
          path: `/api/missions/${d.missionId}/diplomats/${d.diplomatId}/arrival`,
          body: { arrivedOn: '2024-06-14' },
          attempts: 0,
        };
      }
      return {
        key,
        path: `/api/missions/${missionId}/temporary-office`,
        body: { openedOn: '2024-06-20' },
        attempts: 0,
      };
    };

    const learn = (command: Command) => {
      if (command.status === undefined || command.status >= 300 || !command.response) return;
      const { missionId, diplomatId } = command.response as Record<string, string>;
      if (command.path === '/api/missions' && !missions.includes(missionId))
        missions.push(missionId);
      if (command.path.endsWith('/diplomats') && diplomatId) {
        dispatched.push({ missionId: command.path.split('/')[3], diplomatId });
      }
    };

    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      service = await startService(dataDir);
      const url = service.url;
      follower.follow(url);
      // A client retries what got no answer, with the same key and body.
      const pending = commands.filter((c) => c.status === undefined);
      let running = true;
      const writers = Array.from({ length: WRITERS }, async (_, writer) => {
        for (let n = 0; running; n += 1) {
          const retry = pending.shift();
          const command = retry ?? newCommand(cycle, writer, n);
          if (retry) retried += 1;
          else commands.push(command);
          try {
            await send(url, command);
            learn(command);
          } catch {
            return; // killed under us: no answer
          }
        }
      });
      await sleep(200 + Math.random() * 600);
      await service.kill('SIGKILL');
      running = false;
      await Promise.all(writers);
      await follower.stop();
      unansweredAtKill += commands.filter((c) => c.status === undefined).length;
    }

    // The last start: answer everything still unanswered, then check.
    service = await startService(dataDir);
    const url = service.url;
    follower.follow(url);
    for (const command of commands.filter((c) => c.status === undefined)) {
      retried += 1;
      await send(url, command);
      learn(command);
    }
    expect(commands.every((c) => c.status !== undefined)).toBe(true);
    const statuses = new Map<number, number>();
    for (const c of commands) statuses.set(c.status!, (statuses.get(c.status!) ?? 0) + 1);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);

    // 1. The store: exactly once, nothing half-written, every chain intact.
    const { events, integrity } = readStoreFile(eventsFile);
    expect(integrity).toBe('ok');
    const byKey = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const key = event.metadata.idempotencyKey;
      if (typeof key !== 'string') continue;
      byKey.set(key, [...(byKey.get(key) ?? []), event]);
    }
    const acknowledged = commands.filter((c) => c.status! >= 200 && c.status! < 300);
    for (const command of commands) {
      const group = byKey.get(command.key) ?? [];
      const where = `${command.key} ${command.path} -> ${command.status}`;
      // One append: one request's causation id, one stream, revisions in a row.
      expect({ where, appends: new Set(group.map((e) => e.metadata.causationId)).size }).toEqual({
        where,
        appends: group.length === 0 ? 0 : 1,
      });
      expect({ where, streams: new Set(group.map((e) => e.stream)).size }).toEqual({
        where,
        streams: group.length === 0 ? 0 : 1,
      });
      group.forEach((e, i) => {
        if (i > 0) expect(e.revision).toBe(group[i - 1].revision + 1);
      });
      if (command.status === 201) {
        expect({ where, recorded: group.length > 0 }).toEqual({ where, recorded: true });
        expect(command.response?.position).toBe(
          sequenceToPosition(group[group.length - 1].position),
        );
      }
      if (command.status! >= 400)
        expect({ where, events: group.length }).toEqual({ where, events: 0 });
    }
    const chains = verifyEventStoreFile(eventsFile);
    expect(chains.brokenStreams).toEqual([]);
    expect(chains.events).toBe(events.length);

    // 2. The service's own audit of the chains, where this build has it.
    const verify = await fetch(`${url}/api/audit/verify`, { headers: auth('auditor') });
    let audit = 'not available in this build';
    if (verify.status !== 404) {
      expect(verify.status).toBe(200);
      const report = (await verify.json()) as { ok: boolean; eventsChecked: number };
      expect(report).toMatchObject({ ok: true, eventsChecked: events.length });
      audit = `ok over ${report.eventsChecked} events`;
    }

    // 3. The live feed, resumed with Last-Event-ID after every crash, has every mission
    //    exactly as the read model has it now.
    const before = await caughtUp(url);
    const live = await allMissions(url);
    await waitFor(
      'the live feed to catch up',
      () =>
        live.every((m) => JSON.stringify(follower.views.get(m.id)) === JSON.stringify(m))
          ? true
          : undefined,
      30_000,
    );
    expect(follower.views.size).toBe(live.length);

    // 4. Read models equal a fresh rebuild from the store.
    for (const { name } of before) {
      const response = await fetch(`${url}/api/admin/projections/${name}/rebuild`, {
        method: 'POST',
        headers: { ...auth('admin'), 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(202);
    }
    await waitFor('the rebuilt generations', async () => {
      const now = await caughtUp(url);
      return now.every((p, i) => p.generation > before[i].generation) ? true : undefined;
    });
    expect(await allMissions(url)).toEqual(live);
    const meetingsBefore = await getJson(url, '/api/meetings?limit=200', 'viewer');
    expect(meetingsBefore).toBeDefined();

    const summary = {
      cycles: CYCLES,
      commandsSent: commands.length,
      commandsAcknowledged: acknowledged.length,
      answeredStatuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      unansweredAtKills: unansweredAtKill,
      retriedWithSameKey: retried,
      eventsChecked: events.length,
      streams: chains.streams,
      auditVerify: audit,
      missions: live.length,
      liveFeedConnections: follower.connections,
    };
    console.log(`crash under load: ${JSON.stringify(summary)}`);
    process.stdout.write(
      `faults: crash under load: ${CYCLES} kill -9 cycles, ${acknowledged.length} commands acknowledged, ${events.length} events checked, ${retried} retried after a crash, audit ${audit}\n`,
    );
    expect(acknowledged.length).toBeGreaterThan(CYCLES * 5);
  }, 600_000);
});
