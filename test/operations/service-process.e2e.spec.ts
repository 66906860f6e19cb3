import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startService } from '../support/service-process.js';
import { TOKENS } from '../support/test-app.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? [path, ...filesUnder(path)] : [path];
  });
}

/** The service as operators run it: owner-only files, JSON logs on stdout, clean SIGTERM. */
describe('The service process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'envoy-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates every DATA_DIR file owner-only, logs JSON only, and exits 0 on SIGTERM', async () => {
    // AUTH_TOKENS empty: the service generates tokens.json itself.
    const service = await startService(dataDir, { AUTH_TOKENS: '' });
    const secret = 'Ambassador Secret Name';
    const { url } = service;
    const tokens = JSON.parse(
      (await import('node:fs')).readFileSync(join(dataDir, 'tokens.json'), 'utf8'),
    ) as { role: string; token: string }[];
    const staff = tokens.find((t) => t.role === 'staff')!.token;
    const planned = await fetch(`${url}/api/missions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        sendingState: 'KR',
        receivingState: 'CU',
        city: 'Owner City',
        agreedOn: '2024-06-12',
      }),
    });
    expect(planned.status).toBe(201);
    const { missionId } = (await planned.json()) as { missionId: string };
    const dispatched = await fetch(`${url}/api/missions/${missionId}/diplomats`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: secret,
        title: 'Counsellor',
        role: 'head-of-office',
        dispatchedOn: '2024-06-10',
      }),
    });
    expect(dispatched.status).toBe(201);

    // A second service on the same DATA_DIR is refused, and the first one is untouched.
    const second = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      env: {
        ...process.env,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        AUTH_TOKENS: '',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/is running on .*: stop it before starting another on it/);
    const stillServing = await fetch(`${url}/api/missions/${missionId}`, {
      headers: { Authorization: `Bearer ${staff}` },
    });
    expect(stillServing.status).toBe(200);

    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = filesUnder(dataDir);
    expect(files.map((f) => f.slice(dataDir.length + 1))).toEqual(
      expect.arrayContaining([
        'events.sqlite',
        'tokens.json',
        'read-models',
        'envoy-ledger.pid',
        'envoy-ledger.lock',
      ]),
    );
    for (const file of files) {
      expect({ file, groupOrOther: statSync(file).mode & 0o077 }).toEqual({
        file,
        groupOrOther: 0,
      });
    }

    expect(await service.kill('SIGTERM')).toBe(0);
    const lines = service.stdout().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const out = service.stdout();
    expect(out).not.toContain(secret);
    for (const t of [...tokens.map((t) => t.token), ...Object.values(TOKENS)]) {
      expect(out).not.toContain(t);
    }
    expect(out).toContain('"msg":"stopped"');
    expect(files).toContain(join(dataDir, 'envoy-ledger.pid'));
    expect(filesUnder(dataDir)).not.toContain(join(dataDir, 'envoy-ledger.pid'));
  }, 60_000);
});
