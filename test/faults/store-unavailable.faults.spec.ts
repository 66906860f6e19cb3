import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freePort, startService, type ServiceProcess } from '../support/service-process.js';
import { get, planBody, post, type Answer } from './support/api.js';
import { headOfFile, readStoreFile } from './support/store-file.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The event store goes away under a running service (a lock another process holds, the
 * file turned read-only, a full disk, KurrentDB unreachable): commands answer 503 with
 * Retry-After and a problem, reads of the read models keep answering, nothing is
 * half-written, and once the store is back the service carries on by itself, its
 * projections resuming from their checkpoints.
 */
function expectUnavailable(answer: Answer): void {
  expect({ status: answer.status, type: answer.body.type }).toEqual({
    status: 503,
    type: '/problems/store-unavailable',
  });
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(String(answer.body.detail)).toMatch(/nothing was changed/);
}

/** Commands keep being sent (as a client retrying after Retry-After would) until one lands. */
async function recovers(url: string, city: string): Promise<Answer> {
  return waitFor(
    `a command to succeed again (${city})`,
    async () => {
      const answer = await post(url, '/api/missions', planBody(city), {
        'Idempotency-Key': `recover-${city.replace(/\s/g, '-')}`,
      });
      if (answer.status === 201) return answer;
      throw new Error(`last answer ${answer.status} ${JSON.stringify(answer.body)}`);
    },
    20_000,
    250,
  );
}

async function missionReadable(url: string, missionId: string): Promise<void> {
  await waitFor(`${missionId} in the read model`, async () =>
    (await get(url, `/api/missions/${missionId}`)).status === 200 ? true : undefined,
  );
}

const counts: Record<string, number> = {};

describe('Store unavailable', () => {
  afterAll(() => {
    process.stdout.write(`faults: store unavailable: ${JSON.stringify(counts)}\n`);
  });

  describe('embedded store', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'envoy-unavailable-'));
    const eventsFile = join(dataDir, 'events.sqlite');
    let service: ServiceProcess;
    let missionId: string;

    beforeAll(async () => {
      service = await startService(dataDir);
      const planned = await post(service.url, '/api/missions', planBody('Steady City'));
      expect(planned.status).toBe(201);
      missionId = String(planned.body.missionId);
      await missionReadable(service.url, missionId);
    });
    afterAll(async () => {
      await service.kill();
      for (const f of [eventsFile, `${eventsFile}-wal`]) {
        try {
          execFileSync('chattr', ['-i', f], { stdio: 'ignore' });
        } catch {
          // not set, or gone
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers 503 while another process holds the write lock, and carries on once it lets go', async () => {
      const lock = new Database(eventsFile);
      lock.exec('BEGIN EXCLUSIVE');
      try {
        const head = headOfFile(eventsFile);
        const answers = await Promise.all(
          ['Locked A', 'Locked B', 'Locked C'].map((city) =>
            post(service.url, '/api/missions', planBody(city)),
          ),
        );
        answers.forEach(expectUnavailable);
        counts.locked503 = answers.length;
        expect((await get(service.url, `/api/missions/${missionId}`)).status).toBe(200);
        expect((await get(service.url, '/api/missions')).status).toBe(200);
        const ready = await get(service.url, '/health/ready', null);
        expect(ready.status).toBe(200);
        expect(ready.body).toMatchObject({
          status: 'degraded',
          details: { writes: { status: 'degraded' } },
        });
        const health = await get(service.url, '/health', null);
        expect(health.status).toBe(200);
        expect(health.body).toMatchObject({
          status: 'degraded',
          store: { status: 'up' },
          writes: { status: 'failing' },
        });
        expect(headOfFile(eventsFile)).toBe(head);
      } finally {
        lock.exec('ROLLBACK');
        lock.close();
      }
      const after = await recovers(service.url, 'After Lock');
      await missionReadable(service.url, String(after.body.missionId));
      const ready = await get(service.url, '/health/ready', null);
      expect(ready.body).toMatchObject({ status: 'ok' });
      expect((await get(service.url, '/health', null)).body).toEqual({
        status: 'ok',
        store: { kind: 'sqlite', status: 'up' },
      });
    }, 120_000);

    it('answers 503 while the file is read-only (immutable) under it, and recovers when it is writable again', async () => {
      const head = headOfFile(eventsFile);
      execFileSync('chattr', ['+i', eventsFile, `${eventsFile}-wal`]);
      try {
        const answers: Answer[] = [];
        for (const city of ['Frozen A', 'Frozen B']) {
          answers.push(await post(service.url, '/api/missions', planBody(city)));
        }
        answers.forEach(expectUnavailable);
        counts.readOnly503 = answers.length;
        expect((await get(service.url, `/api/missions/${missionId}`)).status).toBe(200);
      } finally {
        execFileSync('chattr', ['-i', eventsFile, `${eventsFile}-wal`]);
      }
      expect(headOfFile(eventsFile)).toBe(head);
      const after = await recovers(service.url, 'After Frozen');
      await missionReadable(service.url, String(after.body.missionId));
    }, 120_000);

    it('starts on a read-only file: reads work, commands get 503, and it reopens the file once writable', async () => {
      await service.kill('SIGTERM');
      const head = headOfFile(eventsFile);
      execFileSync('chattr', ['+i', eventsFile]);
      try {
        service = await startService(dataDir);
        expect((await get(service.url, `/api/missions/${missionId}`)).status).toBe(200);
        const answer = await post(service.url, '/api/missions', planBody('Started Frozen'));
        expectUnavailable(answer);
        counts.readOnlyAtStart503 = 1;
      } finally {
        execFileSync('chattr', ['-i', eventsFile]);
      }
      expect(headOfFile(eventsFile)).toBe(head);
      const after = await recovers(service.url, 'After Started Frozen');
      await missionReadable(service.url, String(after.body.missionId));
      expect(readStoreFile(eventsFile).integrity).toBe('ok');
    }, 120_000);
  });

  describe('embedded store on a full disk (a 4 MiB tmpfs)', () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'envoy-full-'));
    const dataDir = join(mountPoint, 'data');
    const eventsFile = join(dataDir, 'events.sqlite');
    let mounted = false;
    let service: ServiceProcess | undefined;

    beforeAll(() => {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], {
          stdio: 'pipe',
        });
        mounted = true;
        mkdirSync(dataDir);
      } catch (error) {
        process.stdout.write(
          `faults: disk full: cannot mount a tmpfs here (${String(error).split('\n')[0]}); not run\n`,
        );
      }
    });
    afterAll(async () => {
      await service?.kill();
      if (mounted) execFileSync('umount', ['-l', mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    });

    it('answers 503 when the disk fills, keeps serving reads, writes nothing partial, and recovers when space is freed', async () => {
      if (!mounted) return;
      service = await startService(dataDir);
      const url = service.url;
      const first = await post(url, '/api/missions', planBody('Before Full'));
      expect(first.status).toBe(201);
      const firstId = String(first.body.missionId);
      await missionReadable(url, firstId);

      // Fill the disk, leaving a few pages' worth.
      const filler = join(mountPoint, 'filler');
      const fd = openSync(filler, 'w');
      const block = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch {
        // ENOSPC: full
      } finally {
        closeSync(fd);
      }

      const answers: Answer[] = [];
      for (let n = 0; n < 400; n += 1) {
        const answer = await post(url, '/api/missions', planBody(`Full ${n} ${'x'.repeat(60)}`));
        answers.push(answer);
        expect(answer.status === 201 || answer.status === 503).toBe(true);
        if (answer.status === 503) break;
      }
      const last = answers[answers.length - 1];
      expectUnavailable(last);
      counts.diskFullAcceptedBeforeFull = answers.length - 1;
      // More commands are refused the same way; reads still answer.
      expectUnavailable(await post(url, '/api/missions', planBody('Still Full')));
      expect((await get(url, `/api/missions/${firstId}`)).status).toBe(200);
      expect((await get(url, '/api/missions?limit=5')).status).toBe(200);
      expect((await get(url, '/health/live', null)).status).toBe(200);

      rmSync(filler);
      const after = await recovers(url, 'After Full');
      // The projections, paused on the full disk too, resume from their checkpoints.
      await missionReadable(url, String(after.body.missionId));
      for (const answer of answers.filter((a) => a.status === 201)) {
        await missionReadable(url, String(answer.body.missionId));
      }
      // Exactly the acknowledged plans are in the store: nothing half-written.
      const { events, integrity } = readStoreFile(eventsFile);
      expect(integrity).toBe('ok');
      const accepted = answers.filter((a) => a.status === 201).length;
      expect(events.filter((e) => e.type === 'MissionPlanned')).toHaveLength(accepted + 2);
      counts.diskFull503 = 2;
    }, 120_000);
  });

  describe('KurrentDB unreachable', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'envoy-kdb-down-'));
    let service: ServiceProcess;
    afterAll(async () => {
      await service?.kill();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers commands 503 with Retry-After, keeps read models readable, and is not ready', async () => {
      const port = await freePort();
      service = await startService(
        dataDir,
        { EVENTSTORE_URL: `kurrentdb://127.0.0.1:${port}?tls=false` },
        { readyPath: '/health/live' },
      );
      const started = Date.now();
      expectUnavailable(await post(service.url, '/api/missions', planBody('Unreachable')));
      counts.kurrentDbDown503 = 1;
      counts.kurrentDbDown503AfterMs = Date.now() - started;
      expect((await get(service.url, '/api/missions')).status).toBe(200);
      const ready = await get(service.url, '/health/ready', null);
      expect(ready.status).toBe(503);
      expect(Number(ready.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(ready.body).toMatchObject({ status: 'error', error: { store: { status: 'down' } } });
      expect((await get(service.url, '/health/live', null)).status).toBe(200);
    }, 120_000);
  });
});
