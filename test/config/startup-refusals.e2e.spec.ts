import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, startService, type ServiceProcess } from '../support/service-process.js';

/**
 * The compiled service started with one bad setting: it stops before it touches the disk
 * (or, for DATA_DIR itself, before it starts), with exit code 78 and one line on stderr
 * naming the variable, and it never repeats a token.
 */
const MAIN = join(import.meta.dirname, '..', '..', 'dist', 'src', 'main.js');
const SECRET = 'Zq8s3cr3tTokenValue99';
const GOOD_TOKENS = 'ana:staff:aaaaaaaaaaaaaaaa1';

interface Outcome {
  readonly code: number | string;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the service to its exit; `stdoutUnread`: its stdout's reader is gone from the start. */
function run(env: Record<string, string>, stdoutUnread = false): Promise<Outcome> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: '1', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (stdoutUnread) child.stdout.destroy();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A hang (DATA_DIR=/proc/...) fails the spec instead of the suite's timeout.
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', stdout, stderr });
    }),
  );
}

describe('Starting the service with a bad setting', () => {
  const root = mkdtempSync(join(tmpdir(), 'envoy-refusals-'));
  beforeAll(() => ensureBuilt());
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const expectRefused = (outcome: Outcome, variable: string, reason: string) => {
    expect(outcome.code).toBe(78);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(new RegExp(`^envoy-ledger: configuration error: ${variable}: `)),
    ]);
    expect(outcome.stderr).toContain(reason);
    expect(outcome.stderr).not.toContain(SECRET);
  };

  it.each([
    [
      'AUTH_TOKENS with a token in the role field',
      { AUTH_TOKENS: `alice:${SECRET}:staff` },
      'AUTH_TOKENS',
      'entry 1 has an unknown role',
    ],
    [
      'AUTH_TOKENS with a token over 512 characters',
      { AUTH_TOKENS: `ana:staff:${SECRET.repeat(25)}` },
      'AUTH_TOKENS',
      '16 to 512 printable characters',
    ],
    ['HOST in brackets', { HOST: '[::1]' }, 'HOST', 'without brackets'],
    ['HOST starting with a hyphen', { HOST: '-x' }, 'HOST', 'host name'],
    [
      'a misspelled KurrentDB option',
      { EVENTSTORE_URL: 'kurrentdb://localhost:2113?tsl=false' },
      'EVENTSTORE_URL',
      'unknown option "tsl"',
    ],
    [
      'a KurrentDB string without a host',
      { EVENTSTORE_URL: 'kurrentdb://:2113' },
      'EVENTSTORE_URL',
      'names no host',
    ],
    [
      'DURABILITY with KurrentDB',
      { EVENTSTORE_URL: 'kurrentdb://localhost:2113?tls=false', DURABILITY: 'relaxed' },
      'DURABILITY',
      'embedded store only',
    ],
  ])(
    'given %s, when started, then it exits 78 with one line and touches no disk',
    async (_, env, variable, reason) => {
      const dataDir = join(root, `untouched-${variable}`);
      expectRefused(
        await run({ AUTH_TOKENS: GOOD_TOKENS, DATA_DIR: dataDir, ...env }),
        variable,
        reason,
      );
      expect(existsSync(dataDir)).toBe(false);
    },
  );

  it('given DATA_DIR under /proc, when started, then it exits 78 at once instead of hanging', async () => {
    expectRefused(
      await run({ AUTH_TOKENS: GOOD_TOKENS, DATA_DIR: '/proc/envoy-ledger/data' }),
      'DATA_DIR',
      '/proc/envoy-ledger/data cannot be written: ENOENT',
    );
  });

  it('given a DATA_DIR whose events file is gone but whose read models and checkpoints remain, when started, then it exits 78 rather than serve them beside an empty store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'envoy-no-events-'));
    try {
      mkdirSync(join(dataDir, 'read-models'));
      writeFileSync(join(dataDir, 'checkpoints.sqlite'), '');
      expectRefused(
        await run({ AUTH_TOKENS: GOOD_TOKENS, DATA_DIR: dataDir }),
        'DATA_DIR',
        `${join(dataDir, 'events.sqlite')} is missing, but read-models, checkpoints.sqlite derived from it are still in ${dataDir}: restore a backup`,
      );
      expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('given AUTH_TOKENS unset and a tokens.json with a token in the name field, when started, then it exits 78 without repeating it', async () => {
    const dataDir = join(root, 'swapped-file');
    mkdirSync(dataDir);
    writeFileSync(
      join(dataDir, 'tokens.json'),
      JSON.stringify([{ name: SECRET, role: 'staff', token: 'alice' }]),
    );
    expectRefused(await run({ DATA_DIR: dataDir }), 'AUTH_TOKENS', 'entry 1 has an invalid token');
  });
});

describe('Starting the service with AUTH_TOKENS unset', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'envoy-generated-'));
  let service: ServiceProcess | undefined;
  afterEach(async () => {
    await service?.kill('SIGTERM');
    service = undefined;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const logLines = (stdout: string) =>
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string });
  const tokensIn = () =>
    (JSON.parse(readFileSync(join(dataDir, 'tokens.json'), 'utf8')) as { token: string }[]).map(
      (entry) => entry.token,
    );

  it('given the first start at LOG_LEVEL=warn, then a warning says where the tokens are, never what', async () => {
    service = await startService(dataDir, { AUTH_TOKENS: '', LOG_LEVEL: 'warn' });
    const notices = logLines(service.stdout()).filter((line) => line.msg.includes('tokens.json'));
    expect(notices).toEqual([
      expect.objectContaining({
        level: 40,
        msg: expect.stringContaining(
          `created one token per role in ${join(dataDir, 'tokens.json')}`,
        ),
      }),
    ]);
    expect(notices[0].msg).toContain('staff (local-staff)');
    for (const token of tokensIn()) expect(service.stdout()).not.toContain(token);
  });

  it('given a later start, then it says at info which roles the file holds', async () => {
    writeFileSync(
      join(dataDir, 'tokens.json'),
      JSON.stringify([{ name: 'wall-display', role: 'viewer', token: SECRET }]),
    );
    service = await startService(dataDir, { AUTH_TOKENS: '', LOG_LEVEL: 'info' });
    const notices = logLines(service.stdout()).filter((line) => line.msg.includes('tokens.json'));
    expect(notices).toEqual([
      expect.objectContaining({
        level: 30,
        msg: `AUTH_TOKENS is unset: using the tokens in ${join(dataDir, 'tokens.json')} for viewer (wall-display)`,
      }),
    ]);
    expect(service.stdout()).not.toContain(SECRET);
  });
});

describe('A start that fails inside the application', () => {
  const root = mkdtempSync(join(tmpdir(), 'envoy-failed-start-'));
  beforeAll(() => ensureBuilt());
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('logs what Nest says as JSON lines, the failure included, and exits 1', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o700 });
    // Where the read models go, a file: the projections cannot make their directory (beside
    // an events file, empty, so that it is the application that fails, not the start's checks).
    writeFileSync(join(dataDir, 'events.sqlite'), '');
    writeFileSync(join(dataDir, 'read-models'), '');
    const outcome = await run({ DATA_DIR: dataDir, AUTH_TOKENS: GOOD_TOKENS });
    expect(outcome.code).toBe(1);
    const lines = outcome.stdout.split('\n').filter(Boolean);
    const parsed = lines.map((line) => JSON.parse(line) as { level: number; msg?: string });
    expect(parsed).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 50, context: 'ExceptionHandler' })]),
    );
    expect(outcome.stderr).toMatch(/^envoy-ledger: failed to start: EEXIST/);
  });

  it('exits 1 also when nothing reads its stdout any more (`| head -1`), its logs given up', async () => {
    const dataDir = join(root, 'unread');
    mkdirSync(dataDir, { mode: 0o700 });
    writeFileSync(join(dataDir, 'events.sqlite'), '');
    writeFileSync(join(dataDir, 'read-models'), '');
    const outcome = await run({ DATA_DIR: dataDir, AUTH_TOKENS: GOOD_TOKENS }, true);
    expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({
      code: 1,
      stderr: expect.stringMatching(/^envoy-ledger: failed to start: EEXIST/),
    });
  });
});
