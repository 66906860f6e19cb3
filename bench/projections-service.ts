/**
 * Child-process plumbing of `npm run bench:projections`: every child is tracked and killed
 * on the way out (even on error or Ctrl-C), the built service is started on 127.0.0.1
 * with a DATA_DIR and bench tokens, and a child's RSS can be sampled from outside.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repository root (this file runs as dist/bench/projections-service.js). */
export const ROOT = resolve(HERE, '..', '..');
export const SERVICE_MAIN = join(ROOT, 'dist', 'src', 'main.js');
export const HOST = '127.0.0.1';

export const TOKENS = {
  admin: `bench-admin-${randomBytes(12).toString('hex')}`,
  staff: `bench-staff-${randomBytes(12).toString('hex')}`,
  viewer: `bench-viewer-${randomBytes(12).toString('hex')}`,
};
const AUTH_TOKENS = Object.entries(TOKENS)
  .map(([role, token]) => `bench-${role}:${role}:${token}`)
  .join(',');

// ---- child bookkeeping ----------------------------------------------------------------------

const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];

export function track<C extends ChildProcess>(child: C): C {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs at exit (after every child is killed): e.g. deleting temp dirs. */
export function onExit(cleanup: () => void): void {
  cleanups.push(cleanup);
}

export function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function finalCleanup(): void {
  killAll();
  for (const cleanup of cleanups.splice(0)) {
    try {
      cleanup();
    } catch {
      // best effort on the way out
    }
  }
}

process.on('exit', finalCleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping children`);
    finalCleanup();
    process.exit(130);
  });
}

export function progress(message: string): void {
  process.stderr.write(`[bench:projections] ${message}\n`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves with how it ended once it has exited. */
export async function stopChild(child: ChildProcess, graceMs = 30_000): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return `already exited (${child.exitCode ?? child.signalCode})`;
  }
  const exited = new Promise<string>((done) =>
    child.once('exit', (code, signal) => done(String(code ?? signal))),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    progress(`child ${child.pid} did not stop in ${graceMs} ms: SIGKILL`);
    child.kill('SIGKILL');
  }, graceMs);
  const how = await exited;
  clearTimeout(timer);
  return how;
}

/** The last lines a child wrote, for error messages; optionally a hook per line. */
export class OutputTail {
  private lines: string[] = [];
  constructor(child: ChildProcess, onLine?: (line: string) => void) {
    const take = (chunk: Buffer) => {
      const lines = chunk.toString('utf8').split('\n').filter(Boolean);
      if (onLine) lines.forEach(onLine);
      this.lines.push(...lines);
      if (this.lines.length > 40) this.lines = this.lines.slice(-40);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
  }
  text(): string {
    // eslint-disable-next-line no-control-regex
    return this.lines.map((l) => `    ${l.replace(/\u001b\[[0-9;]*m/g, '')}`).join('\n');
  }
}

export function freePort(): Promise<number> {
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

// ---- the service ----------------------------------------------------------------------------

export interface Service {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: OutputTail;
  /** performance.now() at spawn. */
  readonly spawnedAt: number;
  /** performance.now() when it printed "listening", once it has. */
  listeningAt: number | undefined;
}

export interface ServiceOptions {
  readonly dataDir: string;
  /** Run under --cpu-prof, writing the profile here. */
  readonly profileDir?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Spawns dist/src/main.js; does not wait for it (see waitFor). */
export async function spawnService(options: ServiceOptions): Promise<Service> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST,
    DATA_DIR: options.dataDir,
    AUTH_TOKENS,
    // The bench measures the read side, not the per-token rate limit (0 turns it off).
    RATE_LIMIT_REQUESTS: '0',
    ...options.env,
  };
  delete env.EVENTSTORE_URL; // the embedded store
  if (!options.env?.DURABILITY) delete env.DURABILITY; // the default: full
  const args = options.profileDir
    ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir, SERVICE_MAIN]
    : [SERVICE_MAIN];
  const spawnedAt = performance.now();
  const child = track(
    spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const service: Service = {
    child,
    url: `http://${HOST}:${port}`,
    spawnedAt,
    listeningAt: undefined,
    output: new OutputTail(child, (line) => {
      if (service.listeningAt === undefined && line.includes('envoy-ledger listening')) {
        service.listeningAt = performance.now();
      }
    }),
  };
  return service;
}

/** Polls `check` every `intervalMs` until it is true; bounded by time and by the child. */
export async function waitFor(
  service: Service,
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 10,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(`the service exited while waiting for ${what}:\n${service.output.text()}`);
    }
    try {
      if (await check()) return;
    } catch {
      // not listening yet, or a request timed out
    }
    await sleep(intervalMs);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms:\n${service.output.text()}`);
}

export async function healthy(service: Service): Promise<boolean> {
  const response = await fetch(`${service.url}/health`, { signal: AbortSignal.timeout(5000) });
  await response.arrayBuffer();
  return response.status === 200;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly state: string;
  readonly position: string;
  readonly lag: { readonly events: number; readonly capped: boolean };
}

export async function projectionStatus(
  service: Service,
  timeoutMs = 5000,
): Promise<ProjectionStatus[]> {
  const response = await fetch(`${service.url}/api/admin/projections`, {
    headers: { authorization: `Bearer ${TOKENS.admin}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status !== 200) {
    throw new Error(`GET /api/admin/projections answered ${response.status}`);
  }
  return (await response.json()) as ProjectionStatus[];
}

export function allLive(statuses: readonly ProjectionStatus[]): boolean {
  return statuses.length > 0 && statuses.every((s) => s.state === 'live' && s.lag.events === 0);
}

export async function postJson(
  url: string,
  token: string,
  body: unknown,
  timeoutMs = 10_000,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: response.status, body: { text: text.slice(0, 500) } };
  }
}

// ---- forked helpers -------------------------------------------------------------------------

/** Forks `script`, sends it one message, resolves with its one answer. */
export function forkOnce<Request, Answer>(
  script: string,
  request: Request,
  options: { execArgv?: string[]; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<Answer> {
  return new Promise((done, fail) => {
    const child = track(
      fork(script, [], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv: options.execArgv ?? [],
      }),
    );
    options.onSpawn?.(child);
    let answered = false;
    child.once('message', (message: Answer) => {
      answered = true;
      done(message);
    });
    child.once('exit', (code, signal) => {
      if (!answered) fail(new Error(`${script} exited (${code ?? signal}) without an answer`));
    });
    child.once('error', fail);
    child.send(request as object);
  });
}

/**
 * Samples a process's resident set from /proc (Linux) every `intervalMs`: this keeps
 * sampling while the process's own event loop is blocked. Undefined values elsewhere.
 */
export class ProcRssSampler {
  private readonly timer: NodeJS.Timeout;
  peakBytes = 0;
  /** VmHWM: the kernel's own high-water mark of the resident set. */
  highWaterBytes = 0;
  samples = 0;

  constructor(
    private readonly pid: number,
    intervalMs = 50,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  private sample(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(status);
      const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
      if (rss) this.peakBytes = Math.max(this.peakBytes, Number(rss[1]) * 1024);
      if (hwm) this.highWaterBytes = Math.max(this.highWaterBytes, Number(hwm[1]) * 1024);
      this.samples += 1;
    } catch {
      // not Linux, or the process is gone
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
