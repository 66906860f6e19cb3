import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TOKENS } from './test-app.js';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

export interface ServiceProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** What the process wrote to stdout (its JSON logs), the last 1 MB of it. */
  readonly stdout: () => string;
  /** Resolves with the exit code (or signal) once the process has gone. */
  readonly exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): Promise<number | string>;
}

/** The compiled service (npm run build), built now if it is missing. */
export function ensureBuilt(): void {
  if (!existsSync(MAIN))
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** The path that must answer 200 before the service counts as started (default /health). */
  readonly readyPath?: string;
}

/** Starts the service as a child process on the embedded store and waits for /health. */
export async function startService(
  dataDir: string,
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<ServiceProcess> {
  ensureBuilt();
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      AUTH_TOKENS: Object.entries(TOKENS)
        .map(([role, token]) => `test-${role}:${role}:${token}`)
        .join(','),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.length > 2_000_000) stdout = stdout.slice(-1_000_000);
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const gone = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r(undefined), 50)),
    ]);
    if (gone !== undefined) throw new Error(`service exited (${String(gone)}): ${stderr}`);
    try {
      const response = await fetch(`${url}${options.readyPath ?? '/health'}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`service did not become healthy: ${stderr}`);
    }
  }
  return {
    url,
    child,
    stdout: () => stdout,
    exited,
    kill: (signal = 'SIGKILL') => {
      child.kill(signal);
      return exited;
    },
  };
}
