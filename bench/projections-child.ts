/**
 * One measurement of `npm run bench:projections`, run as its own process (forked with an
 * IPC channel) so that its RSS is that of the measurement alone. It receives a ChildTask,
 * answers a ChildResult and exits.
 *
 *   readAll: iterate the whole store with `readAll()` (what catch-up reads), count events.
 *   rebuild: what POST /api/admin/projections/:name/rebuild does for each projection named:
 *            a ProjectionRunner on a fresh ProjectionDatabase file in building mode, all of
 *            them fed by one ProjectionFeed (the service's generations being built share
 *            one), awaited with whenCaughtUp(head), then each made ready to serve (query
 *            indexes, serving settings: serve()) before the clock stops.
 *
 * RSS is sampled here with process.memoryUsage().rss every 50 ms; the parent samples
 * /proc/<pid>/status as well, because a loop that never yields to the event loop also
 * starves this sampler (the number of samples taken says how often it ran).
 */
import { join } from 'node:path';
import type { RecordedEvent } from '../src/event-store/event-store.port.js';
import { decodePosition, START } from '../src/event-store/position.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { meetingOutcomesProjection } from '../src/meetings/read-models/meeting-outcomes/meeting-outcomes.projection.js';
import { missionStatusProjection } from '../src/missions/read-models/mission-status/mission-status.projection.js';
import type { ProjectionDefinition } from '../src/projections/projection.js';
import { ProjectionDatabase } from '../src/projections/projection-database.js';
import { ProjectionFeed } from '../src/projections/projection-feed.js';
import { ProjectionRunner } from '../src/projections/projection-runner.js';

export const DEFINITIONS: Readonly<Record<string, ProjectionDefinition>> = {
  [missionStatusProjection.name]: missionStatusProjection,
  [meetingOutcomesProjection.name]: meetingOutcomesProjection,
};

export type ChildTask =
  | { readonly kind: 'readAll'; readonly storeFile: string }
  | {
      readonly kind: 'rebuild';
      readonly storeFile: string;
      /** Names from DEFINITIONS. */
      readonly projections: readonly string[];
      /** Where the fresh read-model files go: `<dir>/<name>.1.sqlite`. */
      readonly dir: string;
      readonly timeoutMs: number;
    };

export interface ChildResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly events: number;
  readonly ms: number;
  /** CPU time (user + system) this process spent on the measured work, ms. */
  readonly cpuMs: number;
  /** RSS just before the measured work started. */
  readonly rssBeforeBytes: number;
  /** Highest process.memoryUsage().rss seen by the 50 ms sampler. */
  readonly sampledPeakRssBytes: number;
  readonly samples: number;
  /** Samples a free event loop would have taken over `ms`. */
  readonly expectedSamples: number;
  /** Longest gap between two samples (event-loop stall), ms. */
  readonly longestGapMs: number;
  /** process.resourceUsage().maxRSS: the true peak of this process. */
  readonly maxRssBytes: number;
  readonly heapUsedAfterBytes: number;
  /** Per projection: rows in its main table, as a sanity check. */
  readonly rows?: Readonly<Record<string, number>>;
}

class RssSampler {
  private readonly timer: NodeJS.Timeout;
  private readonly cpuBefore = process.cpuUsage();
  private last = performance.now();
  cpuMs = 0;
  peak = process.memoryUsage().rss;
  samples = 0;
  longestGapMs = 0;

  constructor(intervalMs = 50) {
    this.timer = setInterval(() => {
      const now = performance.now();
      this.longestGapMs = Math.max(this.longestGapMs, now - this.last);
      this.last = now;
      this.samples += 1;
      this.peak = Math.max(this.peak, process.memoryUsage().rss);
    }, intervalMs);
  }

  stop(): void {
    const cpu = process.cpuUsage(this.cpuBefore);
    this.cpuMs = (cpu.user + cpu.system) / 1000;
    const now = performance.now();
    this.longestGapMs = Math.max(this.longestGapMs, now - this.last);
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
    clearInterval(this.timer);
  }
}

async function readAllTask(storeFile: string): Promise<Omit<ChildResult, 'ok'>> {
  const store = new SqliteEventStore({ file: storeFile, durability: 'relaxed' });
  try {
    const rssBeforeBytes = process.memoryUsage().rss;
    const sampler = new RssSampler();
    const started = performance.now();
    let events = 0;
    let touched = 0;
    for await (const event of store.readAll()) {
      events += 1;
      touched += touch(event);
    }
    const ms = performance.now() - started;
    sampler.stop();
    if (touched < 0) throw new Error('unreachable');
    return measured(events, ms, rssBeforeBytes, sampler);
  } finally {
    await store.close();
  }
}

/** Touches what any consumer touches, so the reads cannot be optimised away. */
function touch(event: RecordedEvent): number {
  return event.revision + (event.data === null ? 0 : 1) + (event.metadata === null ? 0 : 1);
}

async function rebuildTask(
  task: Extract<ChildTask, { kind: 'rebuild' }>,
): Promise<Omit<ChildResult, 'ok'>> {
  const store = new SqliteEventStore({ file: task.storeFile, durability: 'relaxed' });
  const runners: ProjectionRunner[] = [];
  let feed: ProjectionFeed | undefined;
  try {
    const head = await store.headPosition();
    if (head === START) throw new Error('the store is empty');
    for (const name of task.projections) {
      const definition = DEFINITIONS[name];
      if (!definition) throw new Error(`no projection ${name}`);
      const database = new ProjectionDatabase(
        join(task.dir, `${name}.1.sqlite`),
        definition,
        'building',
      );
      // As a generation being built: nothing is published until it serves.
      runners.push(new ProjectionRunner(database, () => undefined, null));
    }
    feed = new ProjectionFeed(store, runners);
    const rssBeforeBytes = process.memoryUsage().rss;
    const sampler = new RssSampler();
    const started = performance.now();
    feed.start();
    await Promise.all(runners.map((runner) => runner.whenCaughtUp(head, task.timeoutMs)));
    await feed.stop();
    for (const runner of runners) runner.serve();
    const ms = performance.now() - started;
    sampler.stop();
    const failed = runners.filter((r) => r.state === 'failed');
    if (failed.length > 0) {
      throw new Error(failed.map((r) => `${r.name} failed: ${r.error}`).join('; '));
    }
    const rows: Record<string, number> = {};
    for (const runner of runners) {
      const table = runner.name === missionStatusProjection.name ? 'missions' : 'meetings';
      rows[runner.name] = (
        runner.database.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }
      ).n;
    }
    const events = Number(decodePosition(head).commit);
    return { ...measured(events, ms, rssBeforeBytes, sampler), rows };
  } finally {
    await feed?.stop().catch(() => undefined);
    for (const runner of runners) runner.database.close();
    await store.close();
  }
}

function measured(
  events: number,
  ms: number,
  rssBeforeBytes: number,
  sampler: RssSampler,
): Omit<ChildResult, 'ok'> {
  return {
    events,
    ms,
    cpuMs: sampler.cpuMs,
    rssBeforeBytes,
    sampledPeakRssBytes: sampler.peak,
    samples: sampler.samples,
    expectedSamples: Math.floor(ms / 50),
    longestGapMs: sampler.longestGapMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    heapUsedAfterBytes: process.memoryUsage().heapUsed,
  };
}

function run(task: ChildTask): Promise<Omit<ChildResult, 'ok'>> {
  return task.kind === 'readAll' ? readAllTask(task.storeFile) : rebuildTask(task);
}

// As a forked child: one ChildTask in, one ChildResult out.
if (process.send !== undefined) {
  process.on('disconnect', () => process.exit(1));
  process.once('message', (task: ChildTask) => {
    run(task).then(
      (result) => process.send!({ ok: true, ...result }, () => process.exit(0)),
      (error: unknown) =>
        process.send!(
          { ok: false, error: error instanceof Error ? error.stack : String(error) },
          () => process.exit(1),
        ),
    );
  });
}
