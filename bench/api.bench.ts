/**
 * `npm run bench:api`: the command path end to end. Starts the built service
 * (dist/src/main.js) as a child process on a fresh DATA_DIR with the default durability
 * (full), plans 1,000 missions, then drives dispatch-and-arrive command pairs over them from
 * a separate autocannon process; then does the same against a bare Fastify server with one
 * POST route, in the same run, on this machine.
 *
 *   BENCH_DURATION=15      seconds of measured load per target (default 15)
 *   BENCH_WARMUP=2         seconds of unmeasured load first (default 2; 0 to skip)
 *   BENCH_CONNECTIONS=50   concurrent connections (default 50)
 *   BENCH_PROFILE=1        run the service under --cpu-prof and print where it spends time
 *   BENCH_PROFILE_DIR=dir  where the .cpuprofile goes (default: a temp dir, kept)
 *   BENCH_KEEP=1           keep the service's DATA_DIR (events.sqlite) for a look afterwards
 *   BENCH_ONLY=service     load the service alone (no bare or reference run): for comparing
 *                          the service's CPU per request between two builds, not a ratio
 *
 * Prints a markdown table on stdout (progress on stderr) and exits 0 even when a target
 * is missed: it is a report, not a test (it exits 1 only when the run itself cannot
 * happen, e.g. the service does not start). Every child is killed on the way out.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadConfig, LoadSummary } from './api-load.js';
import { analyseProfile, type ProfileReport, type RankedFunction } from './cpu-profile.js';
import { cpuPerRequest, cpuTimes } from './process-cpu.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs as dist/bench/api.bench.js). */
const ROOT = resolve(HERE, '..', '..');
const SERVICE_MAIN = join(ROOT, 'dist', 'src', 'main.js');
const LOAD_SCRIPT = join(HERE, 'api-load.js');
const BARE_SCRIPT = join(HERE, 'bare-server.js');
const NEST_DTO_SCRIPT = join(HERE, 'nest-dto-server.js');

const MISSIONS = 1000;
const PLAN_CONCURRENCY = 25;
const HOST = '127.0.0.1';
const STAFF_TOKEN = `bench-staff-${randomBytes(12).toString('hex')}`;
const AUTH_TOKENS = `bench-staff:staff:${STAFF_TOKEN}`;
const TARGET_RATIO = 0.3;
const TARGET_P99_MS = 25;

interface Settings {
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly profile: boolean;
  readonly profileDir: string | undefined;
  readonly keepData: boolean;
  readonly serviceOnly: boolean;
}

interface Target {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: OutputTail;
}

// ---- child process bookkeeping --------------------------------------------------------------

const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping children`);
    killAll();
    process.exit(130);
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    progress(`child ${child.pid} did not stop in ${graceMs} ms: SIGKILL`);
    child.kill('SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** The last lines a child wrote, for error messages. */
class OutputTail {
  private lines: string[] = [];
  constructor(child: ChildProcess) {
    const take = (chunk: Buffer) => {
      this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.lines.length > 40) this.lines = this.lines.slice(-40);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
  }
  text(): string {
    // eslint-disable-next-line no-control-regex
    return this.lines.map((l) => `    ${l.replace(/\u001b\[[0-9;]*m/g, '')}`).join('\n');
  }
  includes(text: string): boolean {
    return this.lines.some((l) => l.includes(text));
  }
}

// ---- helpers -------------------------------------------------------------------------------

function progress(message: string): void {
  process.stderr.write(`[bench:api] ${message}\n`);
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const seconds = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${raw}`);
    }
    return n;
  };
  return {
    durationSeconds: seconds('BENCH_DURATION', 15, 1, 600),
    warmupSeconds: seconds('BENCH_WARMUP', 2, 0, 60),
    connections: seconds('BENCH_CONNECTIONS', 50, 1, 1000),
    profile: env.BENCH_PROFILE === '1' || env.BENCH_PROFILE === 'true',
    profileDir: env.BENCH_PROFILE_DIR || undefined,
    keepData: env.BENCH_KEEP === '1',
    serviceOnly: serviceOnly(env.BENCH_ONLY),
  };
}

function serviceOnly(raw: string | undefined): boolean {
  if (raw === undefined || raw === '') return false;
  if (raw === 'service') return true;
  throw new Error(`BENCH_ONLY must be "service" or unset, got ${raw}`);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Polls `url` until `ready` says so; bounded by `timeoutMs` and by the child exiting. */
async function waitUntilUp(
  target: Target,
  path: string,
  ready: (status: number) => boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (target.child.exitCode !== null || target.child.signalCode !== null) {
      throw new Error(`${target.name} exited during startup:\n${target.output.text()}`);
    }
    try {
      const response = await fetch(`${target.url}${path}`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (ready(response.status)) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${target.name} was not up within ${timeoutMs} ms:\n${target.output.text()}`);
}

function missionIds(): string[] {
  return Array.from({ length: MISSIONS }, (_, i) => `kr-cu-city-${String(i + 1).padStart(4, '0')}`);
}

/** POST /api/missions for City 0001..1000, PLAN_CONCURRENCY at a time. */
async function planMissions(url: string): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < MISSIONS) {
      const i = next;
      next += 1;
      const city = `City ${String(i + 1).padStart(4, '0')}`;
      const response = await fetch(`${url}/api/missions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_TOKEN}` },
        body: JSON.stringify({
          sendingState: 'KR',
          receivingState: 'CU',
          city,
          agreedOn: '2024-01-01',
        }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (response.status !== 201) {
        throw new Error(`planning ${city} answered ${response.status}: ${text.slice(0, 500)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: PLAN_CONCURRENCY }, worker));
}

/** Runs autocannon in its own process against `url`. */
function runLoadProcess(config: LoadConfig): Promise<LoadSummary> {
  return new Promise((done, fail) => {
    const child = track(fork(LOAD_SCRIPT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    let answered = false;
    child.once('message', (message: { ok: boolean; summary?: LoadSummary; error?: string }) => {
      answered = true;
      if (message.ok && message.summary) done(message.summary);
      else fail(new Error(`load generator failed: ${message.error}`));
    });
    child.once('exit', (code, signal) => {
      if (!answered) fail(new Error(`load generator exited (${code ?? signal}) without a result`));
    });
    child.once('error', fail);
    child.send(config);
  });
}

interface LoadRun {
  readonly summary: LoadSummary;
  readonly fromUs: number;
  readonly toUs: number;
  /** CPU time the server used per request during the measured load (Linux only). */
  readonly cpu: ReturnType<typeof cpuPerRequest>;
}

async function load(
  target: Target,
  settings: Settings,
  inventDiplomatIds: boolean,
): Promise<LoadRun> {
  const keyPrefix = `bench-${randomBytes(6).toString('hex')}`;
  const base = {
    url: target.url,
    token: STAFF_TOKEN,
    missionIds: missionIds(),
    connections: settings.connections,
    inventDiplomatIds,
  };
  if (settings.warmupSeconds > 0) {
    progress(`${target.name}: warm-up ${settings.warmupSeconds} s`);
    await runLoadProcess({
      ...base,
      durationSeconds: settings.warmupSeconds,
      keyPrefix: `${keyPrefix}-w`,
    });
  }
  progress(
    `${target.name}: ${settings.connections} connections, ${settings.durationSeconds} s of dispatch+arrival pairs`,
  );
  const fromUs = monotonicUs();
  const cpuBefore = cpuTimes(target.child.pid);
  const summary = await runLoadProcess({
    ...base,
    durationSeconds: settings.durationSeconds,
    keyPrefix,
  });
  const cpu = cpuPerRequest(cpuBefore, cpuTimes(target.child.pid), summary.totalRequests);
  const toUs = monotonicUs();
  progress(
    `${target.name}: ${summary.requestsPerSecond.toFixed(0)} req/s, p99 ${summary.latencyP99} ms, ${summary.non2xx} non-2xx`,
  );
  return { summary, fromUs, toUs, cpu };
}

/** Microseconds on CLOCK_MONOTONIC, the clock V8 stamps .cpuprofile samples with on Linux. */
function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

// ---- the two targets ------------------------------------------------------------------------

async function startService(dataDir: string, profileDir: string | undefined): Promise<Target> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST,
    DATA_DIR: dataDir,
    AUTH_TOKENS,
    // The per-token limit stays on (its cost is part of the path) but high enough not to bite.
    RATE_LIMIT_REQUESTS: '1000000',
  };
  delete env.DURABILITY; // the default: full
  delete env.EVENTSTORE_URL; // the embedded store
  const args = profileDir
    ? ['--cpu-prof', '--cpu-prof-dir', profileDir, SERVICE_MAIN]
    : [SERVICE_MAIN];
  const child = track(
    spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const target = {
    name: 'service',
    child,
    url: `http://${HOST}:${port}`,
    output: new OutputTail(child),
  };
  await waitUntilUp(target, '/health', (status) => status === 200);
  return target;
}

/** A reference server (bare Fastify, or Nest with the DTOs only) from one of our scripts. */
async function startReference(name: string, script: string): Promise<Target> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, [script], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const target = {
    name,
    child,
    url: `http://${HOST}:${port}`,
    output: new OutputTail(child),
  };
  // Only POST is routed: any answer (404) to a GET means it is listening.
  await waitUntilUp(target, '/', (status) => status > 0);
  return target;
}

async function loadReference(name: string, script: string, settings: Settings): Promise<LoadRun> {
  progress(`${name}: starting`);
  const target = await startReference(name, script);
  try {
    return await load(target, settings, true);
  } finally {
    await stopChild(target.child);
  }
}

/** What the service recorded for one mission after the run: a sanity check of the load. */
async function missionDiplomats(url: string, missionId: string): Promise<string> {
  const response = await fetch(`${url}/api/missions/${missionId}`, {
    headers: { authorization: `Bearer ${STAFF_TOKEN}` },
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { diplomats?: { arrivedOn: string | null }[] };
  const diplomats = body.diplomats ?? [];
  const arrived = diplomats.filter((d) => d.arrivedOn !== null).length;
  return `${missionId}: ${diplomats.length} diplomats dispatched, ${arrived} arrived`;
}

// ---- report ---------------------------------------------------------------------------------

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function row(name: string, { summary: s, cpu }: LoadRun): string {
  const extra = [
    s.errors > 0 ? `${s.errors} errors` : '',
    s.timeouts > 0 ? `${s.timeouts} timeouts` : '',
    s.resets > 0 ? `${s.resets} pair restarts` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const codes = Object.entries(s.statusCodes)
    .map(([code, count]) => `${code}×${fmt(count)}`)
    .join(' ');
  const cpuText = cpu ? `${fmt(cpu.mainThreadUs)} / ${fmt(cpu.processUs)}` : 'n/a';
  return `| ${name} | ${fmt(s.requestsPerSecond)} | ${fmt(s.totalRequests)} | ${fmt(s.latencyP50, 1)} | ${fmt(s.latencyP99, 1)} | ${fmt(s.latencyMax, 0)} | ${cpuText} | ${fmt(s.non2xx)} | ${codes}${extra ? `; ${extra}` : ''} |`;
}

function tableHead(settings: Settings): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out();
  out(
    `## API command path: ${settings.connections} connections × ${settings.durationSeconds} s, dispatch+arrival pairs over ${fmt(MISSIONS)} missions (durability full)`,
  );
  out();
  out(
    '| target | req/s (commands/s) | requests | p50 ms | p99 ms | max ms | CPU µs/request (main thread / process) | non-2xx | status codes |',
  );
  out('|---|---:|---:|---:|---:|---:|---:|---:|---|');
}

/** BENCH_ONLY=service: the service's row alone, with no ratio (nothing to compare it with). */
function printServiceOnly(settings: Settings, serviceRun: LoadRun): void {
  tableHead(settings);
  process.stdout.write(`${row('envoy-ledger (Nest + store, full)', serviceRun)}\n`);
  process.stdout.write('\n(BENCH_ONLY=service: no bare or reference run, so no ratio.)\n');
}

function printReport(
  settings: Settings,
  serviceRun: LoadRun,
  bareRun: LoadRun,
  nestDtoRun: LoadRun,
): void {
  const [service, bare, nestDto] = [serviceRun.summary, bareRun.summary, nestDtoRun.summary];
  const ratio = service.requestsPerSecond / bare.requestsPerSecond;
  const nestRatio = nestDto.requestsPerSecond / bare.requestsPerSecond;
  const out = (line = '') => process.stdout.write(`${line}\n`);
  tableHead(settings);
  out(row('envoy-ledger (Nest + store, full)', serviceRun));
  out(row('bare Fastify, one POST route', bareRun));
  out(row('reference: Nest + the two DTOs, nothing else', nestDtoRun));
  out();
  out('| target | measured | goal | result |');
  out('|---|---:|---:|---|');
  out(
    `| commands / bare throughput | ${fmt(ratio * 100, 1)} % | ≥ ${TARGET_RATIO * 100} % | ${ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'} |`,
  );
  out(
    `| command p99 latency | ${fmt(service.latencyP99, 1)} ms | ≤ ${TARGET_P99_MS} ms | ${service.latencyP99 <= TARGET_P99_MS && service.non2xx === 0 ? 'PASS' : 'FAIL'} |`,
  );
  out(
    `| reference: Nest + DTOs / bare throughput | ${fmt(nestRatio * 100, 1)} % | (framework ceiling) | — |`,
  );
  if (service.non2xx > 0) out(`\n(${fmt(service.non2xx)} commands were not answered 2xx.)`);
}

function printProfile(file: string, report: ProfileReport): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const table = (title: string, rows: readonly RankedFunction[], withLocation: boolean) => {
    out();
    out(`### ${title}`);
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
  };
  out();
  out(`## CPU profile of the service (${file})`);
  out();
  out(
    report.windowed
      ? `Measured load window only: ${fmt(report.windowMs)} ms, busy ${fmt(report.busyMs)} ms, idle ${fmt(report.idleMs)} ms.`
      : `Whole run (the load window did not match the profile clock): busy ${fmt(report.busyMs)} ms, idle ${fmt(report.idleMs)} ms.`,
  );
  table('Top 15 functions by self time', report.selfTop, true);
  table('Self time by origin', report.byOrigin, false);
  table('Application functions (dist/src) by inclusive time', report.appInclusiveTop, true);
}

function newestProfile(dir: string): string | undefined {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  return files
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

// ---- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  for (const file of [SERVICE_MAIN, LOAD_SCRIPT, BARE_SCRIPT, NEST_DTO_SCRIPT]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'envoy-bench-api-'));
  const profileDir = settings.profile
    ? (settings.profileDir ?? mkdtempSync(join(tmpdir(), 'envoy-bench-prof-')))
    : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });

  try {
    progress(`service: starting on a fresh DATA_DIR ${dataDir}${profileDir ? ' (profiled)' : ''}`);
    const service = await startService(dataDir, profileDir);
    let serviceRun: LoadRun;
    try {
      const planStart = Date.now();
      await planMissions(service.url);
      progress(`service: planned ${MISSIONS} missions in ${Date.now() - planStart} ms`);
      serviceRun = await load(service, settings, false);
      progress(await missionDiplomats(service.url, missionIds()[0]));
    } finally {
      await stopChild(service.child);
    }
    if (service.output.includes('ERROR')) {
      progress(`service logged errors:\n${service.output.text()}`);
    }

    if (settings.serviceOnly) {
      printServiceOnly(settings, serviceRun);
    } else {
      const bareRun = await loadReference('bare', BARE_SCRIPT, settings);
      const nestDtoRun = await loadReference('nest-dto', NEST_DTO_SCRIPT, settings);
      printReport(settings, serviceRun, bareRun, nestDtoRun);
    }

    if (profileDir) {
      const file = newestProfile(profileDir);
      if (!file) {
        progress(`no .cpuprofile was written to ${profileDir}`);
      } else {
        const report = analyseProfile(file, ROOT, {
          fromUs: serviceRun.fromUs,
          toUs: serviceRun.toUs,
        });
        printProfile(file, report);
      }
    }
  } finally {
    killAll();
    if (settings.keepData) progress(`kept the service's DATA_DIR: ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  killAll();
  // Missed targets still exit 0 (a report, not a test); a harness that could not run does not.
  process.exitCode = 1;
});
