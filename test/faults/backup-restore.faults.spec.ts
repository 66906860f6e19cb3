import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyEventStoreFile } from '../../src/operations/backup.js';
import { ensureBuilt, startService, type ServiceProcess } from '../support/service-process.js';
import { get, planBody, post } from './support/api.js';
import { headOfFile, readStoreFile } from './support/store-file.js';
import { waitFor } from '../support/wait-for.js';

const ROOT = join(import.meta.dirname, '..', '..');

function script(name: 'backup' | 'restore', arg: string, dataDir: string) {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', `${name}.js`), arg], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * `npm run backup` while the service writes gives a consistent copy (every chain whole, a
 * prefix of the log); `npm run restore` with the service stopped brings it back, and the
 * service rebuilds its read models from it and carries on.
 */
describe('Online backup and restore of the embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'envoy-backup-'));
  const backups = mkdtempSync(join(tmpdir(), 'envoy-backups-'));
  const eventsFile = join(dataDir, 'events.sqlite');
  let service: ServiceProcess | undefined;
  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    await service?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backups, { recursive: true, force: true });
  });

  it('backs up consistently under writes, and restores', async () => {
    service = await startService(dataDir);
    const url = service.url;
    let running = true;
    let acknowledged = 0;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let n = 0; running; n += 1) {
        const answer = await post(url, '/api/missions', planBody(`Backed ${w}-${n}`));
        if (answer.status === 201) acknowledged += 1;
        const id = String(answer.body.missionId);
        await post(url, `/api/missions/${id}/diplomats`, {
          name: `Diplomat ${w}-${n}`,
          title: 'Counsellor',
          role: 'staff',
          dispatchedOn: '2024-06-10',
        });
      }
    });
    await waitFor('some writes', () => (acknowledged > 20 ? true : undefined));

    const taken: { file: string; before: number; after: number; events: number }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const file = join(backups, `backup-${i}.sqlite`);
      const before = headOfFile(eventsFile);
      const run = script('backup', file, dataDir);
      const after = headOfFile(eventsFile);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      const report = JSON.parse(run.stdout) as { events: number; lastPosition: number };
      // A consistent prefix of the log, taken while it grew.
      const check = verifyEventStoreFile(file);
      expect(check).toMatchObject({ integrity: 'ok', brokenStreams: [] });
      expect(check.events).toBe(report.events);
      expect(check.lastPosition).toBe(check.events);
      expect(check.lastPosition).toBeGreaterThanOrEqual(before);
      expect(check.lastPosition).toBeLessThanOrEqual(after);
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(existsSync(`${file}-wal`)).toBe(false);
      taken.push({ file, before, after, events: check.events });
      await waitFor('more writes', () => (headOfFile(eventsFile) > after ? true : undefined));
    }
    expect(script('backup', taken[0].file, dataDir).code).toBe(1); // never overwrites

    // Restore refuses while the service runs on DATA_DIR.
    const busy = script('restore', taken[1].file, dataDir);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/running/);

    running = false;
    await Promise.all(writers);
    const headAtStop = headOfFile(eventsFile);
    expect(await service.kill('SIGTERM')).toBe(0);
    service = undefined;

    const restored = script('restore', taken[1].file, dataDir);
    expect({ code: restored.code, stderr: restored.stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(restored.stdout.split('\n')[0]) as { setAside: string };
    expect(existsSync(join(report.setAside, 'events.sqlite'))).toBe(true);
    expect(headOfFile(eventsFile)).toBe(taken[1].events);

    service = await startService(dataDir);
    const { events } = readStoreFile(eventsFile);
    const planned = events.filter((e) => e.type === 'MissionPlanned').length;
    const list = await waitFor('the rebuilt read model', async () => {
      const page = await get(service!.url, '/api/missions?limit=1');
      return page.body.total === planned ? page : undefined;
    });
    expect(list.body.total).toBe(planned);
    const next = await post(service.url, '/api/missions', planBody('After Restore'));
    expect(next.status).toBe(201);
    expect(verifyEventStoreFile(eventsFile)).toMatchObject({ integrity: 'ok', brokenStreams: [] });
    const audit = await get(service.url, '/api/audit/verify', 'auditor');
    if (audit.status !== 404) expect(audit.body).toMatchObject({ ok: true });
    process.stdout.write(
      `faults: backup/restore: 3 online backups under load (${taken.map((t) => t.events).join(', ')} events), restored ${taken[1].events} of ${headAtStop} events, ${planned} missions rebuilt\n`,
    );
  }, 180_000);
});
