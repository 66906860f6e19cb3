/**
 * `npm run bench:projections`: the read side, in three parts, on this machine.
 *
 * 1. Rebuild. BENCH_EVENTS events over BENCH_MISSIONS missions are generated through the
 *    deciders (bench/projections-events.ts) into a SqliteEventStore (durability relaxed)
 *    in a temp dir. Then, each in a fresh child process: the store's readAll rate
 *    (iterate everything: once to warm the page cache, then before and after each rebuild,
 *    which is compared with the mean of its two neighbours), and the rebuild of the read
 *    models as POST /api/admin/projections/:name/rebuild does it: the real ProjectionFeed /
 *    ProjectionRunner / ProjectionDatabase, new generations in building mode, timed until
 *    caught up and ready to serve (mission-status alone, meeting-outcomes alone, and both at
 *    once, fed by one reader as the service feeds them), with peak RSS.
 * 2. Start-up. The built service (dist/src/main.js) starts once on that DATA_DIR and
 *    builds its read models; then it is restarted and timed from spawn until GET /health
 *    answers 200 and GET /api/admin/projections shows every projection live with lag 0.
 * 3. Lag under load. A fresh service, 1,000 planned missions, an SSE client on
 *    GET /api/live/missions, the dispatch+arrival autocannon load of bench:api
 *    (bench/api-load.ts) in its own process, and a low-rate probe sending dispatches to
 *    missions of its own: the time from each probe command's HTTP answer to the SSE event
 *    carrying that mission at a revision ≥ the command's.
 *
 *   BENCH_EVENTS=1000000   events generated (default 1,000,000)
 *   BENCH_MISSIONS=10000   missions they are spread over (default 10,000)
 *   BENCH_ONLY=rebuild,startup,lag   run only some parts
 *   BENCH_RESTARTS=3       timed restarts in part 2 (default 3; the median is the result)
 *   BENCH_DURATION=15      seconds of measured load in part 3 (default 15)
 *   BENCH_WARMUP=2         seconds of load before that (default 2; 0 to skip)
 *   BENCH_CONNECTIONS=50   autocannon connections (default 50)
 *   BENCH_PROBE_MS=20      one probe dispatch every this many ms (default 20)
 *   BENCH_PROFILE=1        run the rebuild children and the services under --cpu-prof and
 *                          print where they spend their time
 *   BENCH_PROFILE_DIR=dir  where the .cpuprofile files go (default: a temp dir, kept)
 *   BENCH_KEEP=1           keep the temp dirs (event store, read models) for a look
 *
 * Prints markdown tables on stdout (progress on stderr) and exits 0 even when a target is
 * missed or a part cannot run: it is a report, not a test. Only 127.0.0.1 is contacted;
 * every child is killed and every temp dir deleted on the way out.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { comparePositions, type Position } from '../src/event-store/position.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import { DISPATCH_BODY, type LoadConfig, type LoadSummary } from './api-load.js';
import { analyseProfile, type ProfileReport, type RankedFunction } from './cpu-profile.js';
import { DEFINITIONS, type ChildResult, type ChildTask } from './projections-child.js';
import { generateEvents, type GenerationResult } from './projections-events.js';
import {
  allLive,
  forkOnce,
  healthy,
  onExit,
  postJson,
  ProcRssSampler,
  progress,
  projectionStatus,
  ROOT,
  SERVICE_MAIN,
  type Service,
  sleep,
  spawnService,
  stopChild,
  TOKENS,
  waitFor,
} from './projections-service.js';
import { type MissionSeen, MissionSseClient } from './projections-sse.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD_SCRIPT = join(HERE, 'projections-child.js');
const LOAD_SCRIPT = join(HERE, 'api-load.js');

const TARGET_REBUILD_RATIO = 0.5;
const TARGET_RSS_BYTES = 300 * 1024 * 1024;
const TARGET_STARTUP_MS = 2000;
const TARGET_LAG_P99_MS = 50;

const LOAD_MISSIONS = 1000;
const PROBE_MISSIONS = 20;
const PLAN_CONCURRENCY = 25;
/** Answered probes below which the lag percentiles mean nothing. */
const MIN_PROBES = 50;
const HOURS = 3600 * 1000;

type Part = 'rebuild' | 'startup' | 'lag';

interface Settings {
  readonly events: number;
  readonly missions: number;
  readonly parts: ReadonlySet<Part>;
  readonly restarts: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly probeMs: number;
  readonly profileDir: string | undefined;
  readonly keep: boolean;
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${raw}`);
    }
    return n;
  };
  const all: Part[] = ['rebuild', 'startup', 'lag'];
  const only = env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((s) => s.trim()) : all;
  for (const part of only) {
    if (!all.includes(part as Part)) throw new Error(`BENCH_ONLY: unknown part ${part}`);
  }
  const missions = integer('BENCH_MISSIONS', 10_000, 3, 1_000_000);
  const profile = env.BENCH_PROFILE === '1' || env.BENCH_PROFILE === 'true';
  return {
    events: integer('BENCH_EVENTS', 1_000_000, missions * 2, 100_000_000),
    missions,
    parts: new Set(only as Part[]),
    restarts: integer('BENCH_RESTARTS', 3, 1, 20),
    durationSeconds: integer('BENCH_DURATION', 15, 1, 600),
    warmupSeconds: integer('BENCH_WARMUP', 2, 0, 60),
    connections: integer('BENCH_CONNECTIONS', 50, 1, 1000),
    probeMs: integer('BENCH_PROBE_MS', 20, 1, 10_000),
    profileDir: profile
      ? (env.BENCH_PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'envoy-bench-projections-prof-')))
      : undefined,
    keep: env.BENCH_KEEP === '1',
  };
}

// ---- formatting -----------------------------------------------------------------------------

const lines: string[] = [];
function out(line = ''): void {
  lines.push(line);
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function mb(bytes: number): string {
  return fmt(bytes / 1024 / 1024, 0);
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL';
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

interface TargetRow {
  readonly name: string;
  readonly measured: string;
  readonly goal: string;
  readonly result: string;
}
const targets: TargetRow[] = [];
const profiles: { title: string; file: string; report: ProfileReport }[] = [];

function newestProfile(dir: string, after: number): string | undefined {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  return files
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).mtimeMs >= after)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

function collectProfile(
  settings: Settings,
  title: string,
  since: number,
  window?: { fromUs: number; toUs: number },
): void {
  if (!settings.profileDir) return;
  const file = newestProfile(settings.profileDir, since);
  if (!file) {
    progress(`no .cpuprofile for ${title} in ${settings.profileDir}`);
    return;
  }
  profiles.push({ title, file, report: analyseProfile(file, ROOT, window) });
}

/** Microseconds on CLOCK_MONOTONIC, the clock V8 stamps .cpuprofile samples with on Linux. */
function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

// ---- part 1: generation, readAll, rebuild ------------------------------------------------

interface Measured extends ChildResult {
  readonly label: string;
  /** The machine's 1-minute load average when the run started. */
  readonly loadAverage: number;
  /** Highest RSS the parent saw in /proc, and the kernel's high-water mark. */
  readonly procPeakBytes: number;
  readonly procHighWaterBytes: number;
}

function peakOf(m: Measured): number {
  return Math.max(m.maxRssBytes, m.procHighWaterBytes, m.procPeakBytes, m.sampledPeakRssBytes);
}

async function measureInChild(
  settings: Settings,
  label: string,
  task: ChildTask,
): Promise<Measured> {
  let sampler: ProcRssSampler | undefined;
  const since = Date.now();
  const loadAverage = loadavg()[0];
  const execArgv = settings.profileDir ? ['--cpu-prof', '--cpu-prof-dir', settings.profileDir] : [];
  try {
    const result = await forkOnce<ChildTask, ChildResult>(CHILD_SCRIPT, task, {
      execArgv,
      onSpawn: (child) => {
        if (child.pid !== undefined) sampler = new ProcRssSampler(child.pid);
      },
    });
    if (!result.ok) throw new Error(`${label}: ${result.error}`);
    // Let the profile be written before it is looked for.
    await sleep(settings.profileDir ? 500 : 0);
    collectProfile(settings, label, since);
    return {
      ...result,
      label,
      loadAverage,
      procPeakBytes: sampler?.peakBytes ?? 0,
      procHighWaterBytes: sampler?.highWaterBytes ?? 0,
    };
  } finally {
    sampler?.stop();
  }
}

interface Generated {
  readonly dataDir: string;
  readonly storeFile: string;
  readonly result: GenerationResult;
  readonly storeBytes: number;
}

async function generate(settings: Settings, root: string): Promise<Generated> {
  const dataDir = join(root, 'data-large');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const storeFile = join(dataDir, 'events.sqlite');
  progress(
    `generating ${fmt(settings.events)} events over ${fmt(settings.missions)} missions through the deciders into ${storeFile}`,
  );
  const store = new SqliteEventStore({ file: storeFile, durability: 'relaxed' });
  let result: GenerationResult;
  try {
    result = await generateEvents(store, {
      events: settings.events,
      missions: settings.missions,
      onProgress: (n) => progress(`  ${fmt(n)} events appended`),
    });
  } finally {
    await store.close();
  }
  progress(
    `generated ${fmt(result.events)} events in ${fmt(result.ms / 1000, 1)} s (${fmt(result.events / (result.ms / 1000))} events/s)`,
  );
  const storeBytes = ['', '-wal']
    .map((suffix) => `${storeFile}${suffix}`)
    .filter((f) => existsSync(f))
    .reduce((sum, f) => sum + statSync(f).size, 0);
  return { dataDir, storeFile, result, storeBytes };
}

async function rebuildPart(settings: Settings, root: string, generated: Generated): Promise<void> {
  const scratch = join(root, 'rebuild');
  const readAll = (run: number) => {
    progress(`readAll, run ${run}`);
    return measureInChild(settings, `readAll run ${run}`, {
      kind: 'readAll',
      storeFile: generated.storeFile,
    });
  };
  // Run 1 warms the OS page cache. Then each rebuild runs between two readAll runs and is
  // compared with the mean of those two: this machine is shared and its speed drifts over
  // minutes, and a neighbour on each side weighs a slow or fast spell on both sides alike.
  const rebuilds: { measured: Measured; readAllRate: number; readAllCpuRate: number }[] = [];
  const rateOf = (m: Measured) => (m.events / m.ms) * 1000;
  const cpuRateOf = (m: Measured) => (m.events / m.cpuMs) * 1000;
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const runs: { label: string; projections: string[] }[] = [
    { label: 'rebuild mission-status alone', projections: ['mission-status'] },
    { label: 'rebuild meeting-outcomes alone', projections: ['meeting-outcomes'] },
    {
      label: 'rebuild all read models (both at once, one reader, as the service does)',
      projections: Object.keys(DEFINITIONS),
    },
  ];
  const table: Measured[] = [await readAll(1)];
  let before = await readAll(2);
  table.push(before);
  const baseline = [before];
  for (const [index, run] of runs.entries()) {
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    progress(run.label);
    const measured = await measureInChild(settings, run.label, {
      kind: 'rebuild',
      storeFile: generated.storeFile,
      projections: run.projections,
      dir: scratch,
      timeoutMs: 6 * HOURS,
    });
    if (!settings.keep) rmSync(scratch, { recursive: true, force: true });
    const after = await readAll(index + 3);
    table.push(measured, after);
    baseline.push(after);
    rebuilds.push({
      measured,
      readAllRate: mean([rateOf(before), rateOf(after)]),
      readAllCpuRate: mean([cpuRateOf(before), cpuRateOf(after)]),
    });
    before = after;
  }
  const readAllRate = mean(baseline.map(rateOf));
  const readAllCpuRate = mean(baseline.map(cpuRateOf));
  const neighbours = new Map(rebuilds.map((r) => [r.measured, r]));

  out('### 1. Rebuild from the event store (each run in a fresh child process)');
  out();
  out(
    `readAll runs 2 to ${baseline.length + 1} (run 1 warms the OS page cache): mean ${fmt(readAllRate)} events/s wall clock, ${fmt(readAllCpuRate)} events per CPU-second. Each rebuild is compared with the mean of the readAll runs just before and just after it.`,
  );
  out();
  out(
    '| run | load avg | events | time s | events/s | % of readAll | CPU s | events/CPU-s | % of readAll (CPU) | peak RSS MB | RSS before MB | heap after MB | 50 ms RSS samples taken / due | longest loop stall ms | rows |',
  );
  out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const m of table) {
    const rows = m.rows
      ? Object.entries(m.rows)
          .map(([name, n]) => `${name}: ${fmt(n)}`)
          .join(', ')
      : '';
    const against = neighbours.get(m) ?? { readAllRate, readAllCpuRate };
    out(
      `| ${m.label} | ${m.loadAverage.toFixed(1)} | ${fmt(m.events)} | ${fmt(m.ms / 1000, 1)} | ${fmt(rateOf(m))} | ${fmt((rateOf(m) / against.readAllRate) * 100, 1)} % | ${fmt(m.cpuMs / 1000, 1)} | ${fmt(cpuRateOf(m))} | ${fmt((cpuRateOf(m) / against.readAllCpuRate) * 100, 1)} % | ${mb(peakOf(m))} | ${mb(m.rssBeforeBytes)} | ${mb(m.heapUsedAfterBytes)} | ${fmt(m.samples)} / ${fmt(m.expectedSamples)} | ${fmt(m.longestGapMs)} | ${rows} |`,
    );
  }
  out();
  out(
    'Load avg: the machine’s 1-minute load average when the run started (this machine has ' +
      `${availableParallelism()} CPUs and is shared). CPU s: user + system time of the child during the measured work, less sensitive to a busy machine than wall time. ` +
      'Peak RSS is the highest of: the child’s process.resourceUsage().maxRSS, the kernel’s VmHWM and VmRSS sampled from /proc every 50 ms by the parent, and the child’s own 50 ms process.memoryUsage().rss sampler. Fewer samples taken than due means the child’s event loop was blocked (the longest stall is shown).',
  );
  out();

  const all = rebuilds[2].measured;
  for (const { measured: m, readAllRate: near, readAllCpuRate: nearCpu } of rebuilds) {
    const ratio = rateOf(m) / near;
    targets.push({
      name: `rebuild rate / readAll rate — ${m.label.replace('rebuild ', '')} (per CPU-second: ${fmt((cpuRateOf(m) / nearCpu) * 100, 1)} %)`,
      measured: `${fmt(rateOf(m))} / ${fmt(near)} ev/s = ${fmt(ratio * 100, 1)} %`,
      goal: `≥ ${TARGET_REBUILD_RATIO * 100} %`,
      result: verdict(ratio >= TARGET_REBUILD_RATIO),
    });
  }
  targets.push({
    name: 'peak RSS while rebuilding all read models',
    measured: `${mb(peakOf(all))} MB`,
    goal: `≤ ${mb(TARGET_RSS_BYTES)} MB`,
    result: verdict(peakOf(all) <= TARGET_RSS_BYTES),
  });
  const worstAlone = rebuilds
    .slice(0, 2)
    .map((r) => r.measured)
    .reduce((a, b) => (peakOf(a) > peakOf(b) ? a : b));
  targets.push({
    name: `peak RSS, ${worstAlone.label} (the larger of the single rebuilds)`,
    measured: `${mb(peakOf(worstAlone))} MB`,
    goal: `≤ ${mb(TARGET_RSS_BYTES)} MB`,
    result: verdict(peakOf(worstAlone) <= TARGET_RSS_BYTES),
  });
  progress(
    `readAll ${fmt(readAllRate)} ev/s; rebuild all ${fmt(rateOf(all))} ev/s, peak RSS ${mb(peakOf(all))} MB`,
  );
}

function printGeneration(settings: Settings, generated: Generated): void {
  const r = generated.result;
  out(
    `## Projections benchmark: ${fmt(r.events)} events over ${fmt(r.missions)} missions (BENCH_EVENTS=${settings.events}, BENCH_MISSIONS=${settings.missions})`,
  );
  out();
  out(
    `Generated through missionDecider / meetingDecider (commands with metadata.today 2026-01-01; event metadata from eventMetadata() and the hash chain from chainLink()), appended to a SqliteEventStore (durability relaxed) in ${fmt(r.appends)} appends, batches per stream with expected revisions: ${fmt(r.ms / 1000, 1)} s, ${fmt(r.events / (r.ms / 1000))} events/s; store file ${mb(generated.storeBytes)} MB (${fmt(generated.storeBytes / r.events)} bytes/event); ${fmt(r.meetings)} meetings; ${fmt(r.refused)} commands refused by the deciders (a later meeting re-planning a suspended or closed mission, as the process manager would see).`,
  );
  out();
  out('| event type | count | share |');
  out('|---|---:|---:|');
  for (const [type, n] of Object.entries(r.byType).sort((a, b) => b[1] - a[1])) {
    out(`| ${type} | ${fmt(n)} | ${fmt((n / r.events) * 100, 2)} % |`);
  }
  out();
}

// ---- part 2: start-up ------------------------------------------------------------------------

interface StartTiming {
  readonly label: string;
  readonly loadAverage: number;
  readonly listeningMs: number | undefined;
  readonly healthMs: number;
  readonly liveMs: number;
  readonly stopMs: number;
  readonly stoppedWith: string;
}

/** The process manager's checkpoint, read from DATA_DIR/checkpoints.sqlite. */
function processManagerCheckpoint(dataDir: string): Position | undefined {
  const file = join(dataDir, 'checkpoints.sqlite');
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('SELECT position FROM checkpoints WHERE name = ?')
      .get('plan-missions-from-meetings') as { position: string } | undefined;
    return row?.position as Position | undefined;
  } finally {
    db.close();
  }
}

async function timedStart(
  label: string,
  dataDir: string,
  timeoutMs: number,
  pollMs: number,
  profileDir?: string,
  afterLive?: (service: Service) => Promise<void>,
): Promise<StartTiming> {
  const loadAverage = loadavg()[0];
  const service = await spawnService({ dataDir, profileDir });
  try {
    await waitFor(service, `${label}: GET /health 200`, () => healthy(service), timeoutMs, pollMs);
    const healthAt = performance.now();
    await waitFor(
      service,
      `${label}: projections live with lag 0`,
      async () => allLive(await projectionStatus(service, timeoutMs)),
      timeoutMs,
      pollMs,
    );
    const liveAt = performance.now();
    await afterLive?.(service);
    const stopping = performance.now();
    const stoppedWith = await stopChild(service.child);
    return {
      label,
      loadAverage,
      listeningMs:
        service.listeningAt === undefined ? undefined : service.listeningAt - service.spawnedAt,
      healthMs: healthAt - service.spawnedAt,
      liveMs: liveAt - service.spawnedAt,
      stopMs: performance.now() - stopping,
      stoppedWith,
    };
  } finally {
    await stopChild(service.child, 5000);
  }
}

async function startupPart(settings: Settings, generated: Generated): Promise<void> {
  const { dataDir } = generated;
  const timings: StartTiming[] = [];
  progress('start-up: first start on the generated store (it builds the read models)');
  timings.push(
    await timedStart(
      'first start (builds the read models)',
      dataDir,
      6 * HOURS,
      1000,
      undefined,
      async (service) => {
        // Let the process manager finish its first pass too, or the restarts would continue it.
        const last = generated.result.lastMeetingPosition;
        if (last === undefined) return;
        await waitFor(
          service,
          'plan-missions-from-meetings caught up',
          async () => {
            const at = processManagerCheckpoint(dataDir);
            return at !== undefined && comparePositions(at, last) >= 0;
          },
          6 * HOURS,
          500,
        );
      },
    ),
  );
  progress(`start-up: read models built in ${fmt(timings[0].liveMs / 1000, 1)} s`);
  const readModels = join(dataDir, 'read-models');
  const files = existsSync(readModels)
    ? readdirSync(readModels)
        .filter((f) => f.endsWith('.sqlite') || f.endsWith('.active'))
        .map((f) => `${f} (${mb(statSync(join(readModels, f)).size)} MB)`)
    : [];
  for (let i = 1; i <= settings.restarts; i += 1) {
    progress(`start-up: timed restart ${i} of ${settings.restarts}`);
    timings.push(await timedStart(`restart ${i}`, dataDir, 120_000, 5));
  }
  if (settings.profileDir) {
    progress('start-up: one more restart under --cpu-prof');
    const since = Date.now();
    const profiled = await timedStart(
      'restart under --cpu-prof (not counted)',
      dataDir,
      120_000,
      5,
      settings.profileDir,
    );
    timings.push(profiled);
    await sleep(500);
    collectProfile(settings, 'service start-up (restart with built read models)', since);
  }

  out(`### 2. Service start-up with ${fmt(generated.result.events)} events and built read models`);
  out();
  out(
    `DATA_DIR holds events.sqlite and read-models/: ${files.join(', ') || '(none)'}. Times from spawn; /health and /api/admin/projections polled every 5 ms (every 1 s on the first start).`,
  );
  out();
  out(
    '| start | load avg | "listening" logged ms | GET /health 200 ms | projections live, lag 0 ms | SIGTERM → exit ms |',
  );
  out('|---|---:|---:|---:|---:|---:|');
  for (const t of timings) {
    out(
      `| ${t.label} | ${t.loadAverage.toFixed(1)} | ${t.listeningMs === undefined ? '–' : fmt(t.listeningMs)} | ${fmt(t.healthMs)} | ${fmt(t.liveMs)} | ${fmt(t.stopMs)} (${t.stoppedWith}) |`,
    );
  }
  out();
  const restarts = timings.filter(
    (t) => t.label.startsWith('restart ') && !t.label.includes('cpu'),
  );
  const ready = restarts.map((t) => Math.max(t.healthMs, t.liveMs));
  const med = median(ready);
  targets.push({
    name: `start-up to /health 200 and projections live (median of ${restarts.length} restarts; max ${fmt(Math.max(...ready))} ms)`,
    measured: `${fmt(med)} ms`,
    goal: `≤ ${fmt(TARGET_STARTUP_MS)} ms`,
    result: verdict(med <= TARGET_STARTUP_MS),
  });
}

// ---- part 3: lag under load -----------------------------------------------------------------

function loadMissionIds(): string[] {
  return Array.from(
    { length: LOAD_MISSIONS },
    (_, i) => `kr-cu-city-${String(i + 1).padStart(4, '0')}`,
  );
}

function probeMissionIds(): string[] {
  return Array.from(
    { length: PROBE_MISSIONS },
    (_, i) => `kr-cu-probe-${String(i + 1).padStart(2, '0')}`,
  );
}

async function planMissions(url: string): Promise<void> {
  const cities = [
    ...Array.from({ length: LOAD_MISSIONS }, (_, i) => `City ${String(i + 1).padStart(4, '0')}`),
    ...Array.from({ length: PROBE_MISSIONS }, (_, i) => `Probe ${String(i + 1).padStart(2, '0')}`),
  ];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cities.length) {
      const city = cities[next];
      next += 1;
      const { status, body } = await postJson(`${url}/api/missions`, TOKENS.staff, {
        sendingState: 'KR',
        receivingState: 'CU',
        city,
        agreedOn: '2024-01-01',
      });
      if (status !== 201) {
        throw new Error(`planning ${city} answered ${status}: ${JSON.stringify(body)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: PLAN_CONCURRENCY }, worker));
}

interface ProbeStats {
  sent: number;
  failed: number;
  /** ack → SSE, ms (SSE before the ack counts as 0). */
  readonly lags: number[];
  /** send → ack, ms. */
  readonly acks: number[];
  /** send → SSE, ms. */
  readonly endToEnd: number[];
  earlier: number;
  missed: number;
}

/**
 * Matches probe commands to SSE events: a command is seen once an event carries its
 * mission at a revision ≥ the revision the command answered.
 */
class ProbeTracker {
  private readonly pending = new Map<
    string,
    { revision: number; sentAt: number; ackAt: number; stats: ProbeStats }[]
  >();
  private readonly latest = new Map<string, MissionSeen>();

  seen(event: MissionSeen): void {
    const previous = this.latest.get(event.id);
    if (!previous || previous.revision < event.revision) this.latest.set(event.id, event);
    const waiting = this.pending.get(event.id);
    if (!waiting) return;
    const still = waiting.filter((p) => {
      if (p.revision > event.revision) return true;
      p.stats.lags.push(Math.max(0, event.at - p.ackAt));
      p.stats.endToEnd.push(event.at - p.sentAt);
      return false;
    });
    this.pending.set(event.id, still);
  }

  acked(missionId: string, revision: number, sentAt: number, ackAt: number, stats: ProbeStats) {
    stats.acks.push(ackAt - sentAt);
    const latest = this.latest.get(missionId);
    if (latest && latest.revision >= revision) {
      stats.earlier += 1;
      stats.lags.push(0);
      stats.endToEnd.push(Math.max(0, latest.at - sentAt));
      return;
    }
    const waiting = this.pending.get(missionId) ?? [];
    waiting.push({ revision, sentAt, ackAt, stats });
    this.pending.set(missionId, waiting);
  }

  /** Waits up to `ms` for outstanding probes; the rest count as missed. */
  async settle(stats: ProbeStats, ms: number): Promise<void> {
    const deadline = performance.now() + ms;
    const outstanding = () =>
      [...this.pending.values()].reduce(
        (n, list) => n + list.filter((p) => p.stats === stats).length,
        0,
      );
    while (outstanding() > 0 && performance.now() < deadline) await sleep(20);
    stats.missed += outstanding();
    for (const [id, list] of this.pending) {
      this.pending.set(
        id,
        list.filter((p) => p.stats !== stats),
      );
    }
  }
}

function newProbeStats(): ProbeStats {
  return { sent: 0, failed: 0, lags: [], acks: [], endToEnd: [], earlier: 0, missed: 0 };
}

/** Sends a dispatch to the probe missions in turn, one every `intervalMs`, until stopped. */
async function probe(
  url: string,
  tracker: ProbeTracker,
  stats: ProbeStats,
  intervalMs: number,
  until: () => boolean,
): Promise<void> {
  const ids = probeMissionIds();
  let n = 0;
  while (!until()) {
    const missionId = ids[n % ids.length];
    n += 1;
    const sentAt = performance.now();
    stats.sent += 1;
    try {
      const { status, body } = await postJson(
        `${url}/api/missions/${missionId}/diplomats`,
        TOKENS.staff,
        DISPATCH_BODY,
      );
      const ackAt = performance.now();
      if (status === 201 && typeof body.revision === 'number') {
        tracker.acked(missionId, body.revision, sentAt, ackAt, stats);
      } else {
        stats.failed += 1;
      }
    } catch {
      stats.failed += 1;
    }
    const wait = sentAt + intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
  }
}

function runLoad(config: LoadConfig): Promise<LoadSummary> {
  return forkOnce<LoadConfig, { ok: boolean; summary?: LoadSummary; error?: string }>(
    LOAD_SCRIPT,
    config,
  ).then((answer) => {
    if (!answer.ok || !answer.summary) throw new Error(`load generator failed: ${answer.error}`);
    return answer.summary;
  });
}

async function lagPart(settings: Settings, root: string): Promise<void> {
  const dataDir = join(root, 'data-lag');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const since = Date.now();
  progress(`lag: starting a fresh service${settings.profileDir ? ' (profiled)' : ''}`);
  const service = await spawnService({ dataDir, profileDir: settings.profileDir });
  let sse: MissionSseClient | undefined;
  let window: { fromUs: number; toUs: number } | undefined;
  try {
    await waitFor(service, 'GET /health 200', () => healthy(service), 60_000);
    const planStart = performance.now();
    await planMissions(service.url);
    progress(
      `lag: planned ${LOAD_MISSIONS} + ${PROBE_MISSIONS} probe missions in ${fmt(performance.now() - planStart)} ms`,
    );

    const tracker = new ProbeTracker();
    const probeIds = new Set(probeMissionIds());
    sse = new MissionSseClient(
      service.url,
      TOKENS.viewer,
      (id) => probeIds.has(id),
      (seen) => tracker.seen(seen),
    );
    await sse.connect();
    const client = sse;
    await waitFor(
      service,
      'the SSE catch-up of every planned mission',
      async () => client.missionsSeen.size >= LOAD_MISSIONS + PROBE_MISSIONS,
      30_000,
      20,
    );
    const catchUpEvents = sse.stats.events;

    // The probe alone first: the lag of an idle service.
    const idle = newProbeStats();
    const idleUntil = performance.now() + 2000;
    await probe(service.url, tracker, idle, settings.probeMs, () => performance.now() > idleUntil);
    await tracker.settle(idle, 5000);

    const base = {
      url: service.url,
      token: TOKENS.staff,
      missionIds: loadMissionIds(),
      connections: settings.connections,
      inventDiplomatIds: false,
    };
    const keyPrefix = `bench-projections-${Date.now().toString(36)}`;
    if (settings.warmupSeconds > 0) {
      progress(`lag: warm-up ${settings.warmupSeconds} s`);
      await runLoad({
        ...base,
        durationSeconds: settings.warmupSeconds,
        keyPrefix: `${keyPrefix}-w`,
      });
    }
    progress(
      `lag: ${settings.connections} connections × ${settings.durationSeconds} s of dispatch+arrival pairs, probe every ${settings.probeMs} ms`,
    );
    const loaded = newProbeStats();
    const loadAverage = loadavg()[0];
    const sseBefore = { ...sse.stats };
    let loadDone = false;
    const fromUs = monotonicUs();
    const loadRun = runLoad({ ...base, durationSeconds: settings.durationSeconds, keyPrefix });
    loadRun.then(
      () => (loadDone = true),
      () => (loadDone = true),
    );
    // Give autocannon a second to fork and ramp up before probing.
    await Promise.race([sleep(1000), loadRun.catch(() => undefined)]);
    await probe(service.url, tracker, loaded, settings.probeMs, () => loadDone);
    const summary = await loadRun;
    window = { fromUs, toUs: monotonicUs() };
    await tracker.settle(loaded, 10_000);
    const sseDuring = {
      events: sse.stats.events - sseBefore.events,
      bytes: sse.stats.bytes - sseBefore.bytes,
    };
    progress(
      `lag: ${fmt(summary.requestsPerSecond)} req/s; probe ack→SSE p99 ${fmt(percentile(loaded.lags, 99), 1)} ms`,
    );

    out('### 3. Projection lag under load (HTTP answer of a command → its SSE event)');
    out();
    out(
      `A fresh service (durability full, RATE_LIMIT_REQUESTS=0), ${fmt(LOAD_MISSIONS)} missions under an autocannon load of dispatch+arrival pairs (bench/api-load.ts, own process: ${settings.connections} connections, ${settings.durationSeconds} s after ${settings.warmupSeconds} s warm-up), one SSE client on GET /api/live/missions (viewer token; its catch-up sent ${fmt(catchUpEvents)} events); machine load average ${loadAverage.toFixed(1)} on ${availableParallelism()} CPUs when the load began. A probe in the bench process sends one dispatch every ${settings.probeMs} ms, in turn to ${PROBE_MISSIONS} missions of its own, and waits for the SSE event carrying that mission at a revision ≥ the one the command answered.`,
    );
    out();
    out(
      '| phase | probes answered | ack → SSE p50 ms | p99 ms | max ms | send → ack p50 / p99 ms | send → SSE p99 ms | SSE before ack | missed (10 s) | failed |',
    );
    out('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [label, s] of [
      ['idle service (probe only, 2 s)', idle],
      [`under load (${fmt(summary.requestsPerSecond)} req/s)`, loaded],
    ] as const) {
      out(
        `| ${label} | ${fmt(s.acks.length)} | ${fmt(percentile(s.lags, 50), 1)} | ${fmt(percentile(s.lags, 99), 1)} | ${fmt(Math.max(...s.lags, 0), 1)} | ${fmt(percentile(s.acks, 50), 1)} / ${fmt(percentile(s.acks, 99), 1)} | ${fmt(percentile(s.endToEnd, 99), 1)} | ${fmt(s.earlier)} | ${fmt(s.missed)} | ${fmt(s.failed)} |`,
      );
    }
    out();
    const codes = Object.entries(summary.statusCodes)
      .map(([code, n]) => `${code}×${fmt(n)}`)
      .join(' ');
    out(
      `Load: ${fmt(summary.requestsPerSecond)} req/s, ${fmt(summary.totalRequests)} requests, p50 ${fmt(summary.latencyP50, 1)} ms, p99 ${fmt(summary.latencyP99, 1)} ms, ${fmt(summary.non2xx)} non-2xx (${codes}). SSE during the load: ${fmt(sseDuring.events)} mission events, ${mb(sseDuring.bytes)} MB (${fmt(sseDuring.bytes / Math.max(1, sseDuring.events))} bytes/event)${sse.stats.closing ? `; the feed was closed: ${sse.stats.closing}` : ''}.`,
    );
    out();
    const p99 = percentile(loaded.lags, 99);
    // Too few answered probes, or probes refused, make the percentile meaningless.
    const valid = loaded.lags.length >= MIN_PROBES && loaded.failed === 0;
    targets.push({
      name: `projection lag under load, ack → SSE p99 (${fmt(loaded.lags.length)} probes; p50 ${fmt(percentile(loaded.lags, 50), 1)} ms; ${fmt(loaded.missed)} missed, ${fmt(loaded.failed)} failed)`,
      measured: `${fmt(p99, 1)} ms`,
      goal: `≤ ${TARGET_LAG_P99_MS} ms`,
      result: valid
        ? verdict(p99 <= TARGET_LAG_P99_MS && loaded.missed === 0)
        : `INVALID (needs ≥ ${MIN_PROBES} answered probes, none failed)`,
    });
  } finally {
    await sse?.close();
    await stopChild(service.child);
  }
  await sleep(settings.profileDir ? 500 : 0);
  collectProfile(settings, 'service under load (measured window)', since, window);
}

// ---- report -------------------------------------------------------------------------------

function printProfiles(): void {
  const table = (title: string, rows: readonly RankedFunction[], withLocation: boolean) => {
    out(`#### ${title}`);
    out();
    out(withLocation ? '| # | function | where | ms | % busy |' : '| # | origin | ms | % busy |');
    out(withLocation ? '|---:|---|---|---:|---:|' : '|---:|---|---:|---:|');
    rows.forEach((r, i) =>
      out(
        withLocation
          ? `| ${i + 1} | \`${r.name}\` | ${r.location} | ${fmt(r.ms)} | ${fmt(r.percent, 1)} |`
          : `| ${i + 1} | ${r.name} | ${fmt(r.ms)} | ${fmt(r.percent, 1)} |`,
      ),
    );
    out();
  };
  for (const { title, file, report } of profiles) {
    out(`### CPU profile: ${title}`);
    out();
    out(
      `${file}: ${report.windowed ? 'measured window' : 'whole run'} ${fmt(report.windowMs)} ms, busy ${fmt(report.busyMs)} ms, idle ${fmt(report.idleMs)} ms.`,
    );
    out();
    table('Top functions by self time', report.selfTop.slice(0, 12), true);
    table('Self time by origin', report.byOrigin.slice(0, 10), false);
    table('Application functions (dist/src) by inclusive time', report.appInclusiveTop, true);
  }
}

function printTargets(): void {
  out('### Targets');
  out();
  out('| target | measured | goal | result |');
  out('|---|---:|---:|---|');
  for (const t of targets) out(`| ${t.name} | ${t.measured} | ${t.goal} | ${t.result} |`);
  out();
}

// ---- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  for (const file of [SERVICE_MAIN, LOAD_SCRIPT, CHILD_SCRIPT]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const root = mkdtempSync(join(tmpdir(), 'envoy-bench-projections-'));
  onExit(() => {
    if (settings.keep) progress(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  });
  if (settings.profileDir) {
    mkdirSync(settings.profileDir, { recursive: true });
    progress(`CPU profiles go to ${settings.profileDir} (kept)`);
  }

  let generated: Generated | undefined;
  const failures: string[] = [];
  const part = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      progress(
        `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      failures.push(`${name}: ${errorText(error)}`);
      targets.push({ name, measured: 'could not run', goal: '–', result: 'ERROR' });
    }
  };

  if (settings.parts.has('rebuild') || settings.parts.has('startup')) {
    await part('generation', async () => {
      generated = await generate(settings, root);
      printGeneration(settings, generated);
    });
  }
  if (generated && settings.parts.has('rebuild')) {
    const g = generated;
    await part('rebuild', () => rebuildPart(settings, root, g));
  }
  if (generated && settings.parts.has('startup')) {
    const g = generated;
    await part('start-up', () => startupPart(settings, g));
  }
  if (settings.parts.has('lag')) await part('lag under load', () => lagPart(settings, root));

  printTargets();
  if (failures.length > 0) {
    out('Parts that could not run:');
    for (const f of failures) out(`- ${f}`);
    out();
  }
  printProfiles();
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

main()
  .catch((error: unknown) => {
    progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (lines.length > 0) process.stdout.write(`\n${lines.join('\n')}\n`);
  })
  .finally(() => {
    // A report, not a test: exit 0 whatever the targets say (children die in the exit hook).
    process.exit(0);
  });
