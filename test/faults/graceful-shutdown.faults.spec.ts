import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startService } from '../support/service-process.js';
import { get, planBody, post, type Answer } from './support/api.js';
import { LiveFeedFollower } from './support/live-feed-follower.js';
import { readStoreFile } from './support/store-file.js';
import { waitFor } from '../support/wait-for.js';
import { sleep } from './support/wait.js';

/**
 * SIGTERM: the node stops taking work, finishes the commands in flight, ends live feeds
 * with a retry hint, flushes, and exits 0 within SHUTDOWN_TIMEOUT_SECONDS.
 */
describe('Graceful shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'envoy-sigterm-'));
  const eventsFile = join(dataDir, 'events.sqlite');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes in-flight commands, closes live feeds with a retry hint and exits 0 in time', async () => {
    const service = await startService(dataDir, { SHUTDOWN_TIMEOUT_SECONDS: '10' });
    const follower = new LiveFeedFollower();
    follower.follow(service.url);
    await waitFor('the live feed', () => (follower.connections > 0 ? true : undefined));
    expect((await post(service.url, '/api/missions', planBody('Before Term'))).status).toBe(201);

    // Eight open keep-alive connections, so the commands below reach accepted sockets.
    await Promise.all(Array.from({ length: 8 }, () => get(service.url, '/health/live', null)));
    // Hold the write lock until the node drains, so the commands below are still running at
    // SIGTERM, and after it.
    const lock = new Database(eventsFile);
    lock.exec('BEGIN EXCLUSIVE');
    const inFlight: Promise<Answer | Error>[] = Array.from({ length: 8 }, (_, n) =>
      post(service.url, '/api/missions', planBody(`In Flight ${n}`), {
        'Idempotency-Key': `in-flight-${n}`,
      }).catch((error: Error) => error),
    );
    // The one fixed wait: nothing the node says before the signal tells that a request has
    // reached it (its log line is written once answered, and no metric counts requests in flight).
    await sleep(100);
    const signalled = Date.now();
    service.child.kill('SIGTERM');
    await waitFor(
      'the node to say it drains',
      () => /SIGTERM: draining \(\d+ requests in flight\)/.test(service.stdout()),
      10_000,
      10,
    );
    lock.exec('ROLLBACK');
    lock.close();

    const code = await service.exited;
    const tookMs = Date.now() - signalled;
    const answers = await Promise.all(inFlight);
    await follower.stop();
    // All facts in one object, so a failure shows the whole picture.
    expect({
      code,
      inTime: tookMs < 10_000,
      closingEvents: follower.closingEvents,
      retryMs: follower.retryMs,
      answers: answers.map((a) =>
        'status' in a ? `${a.status} ${String(a.body.type ?? '')}` : String(a),
      ),
    }).toEqual({
      code: 0,
      inTime: true,
      closingEvents: 1,
      retryMs: 2000,
      answers: expect.arrayContaining([expect.stringMatching(/^201/)]),
    });
    // Every command was answered: recorded, or refused as the node drained; none dropped.
    // (fetch's errors come from another realm than the test's: no instanceof Error.)
    const statuses = answers.map((a) => ('status' in a ? a.status : String(a)));
    for (const status of statuses) expect([201, 503]).toContain(status);
    const recorded = answers.filter((a): a is Answer => 'status' in a && a.status === 201);
    expect(recorded.length).toBeGreaterThan(0);
    for (const a of answers) {
      if ('status' in a && a.status === 503) {
        expect(a.body.type).toMatch(/shutting-down|store-unavailable/);
        expect(a.headers.get('retry-after')).toBeTruthy();
      }
    }
    const { events, integrity } = readStoreFile(eventsFile);
    expect(integrity).toBe('ok');
    const keys = events.map((e) => e.metadata.idempotencyKey);
    for (const a of recorded) {
      expect(events.some((e) => e.stream === `mission-${String(a.body.missionId)}`)).toBe(true);
    }
    expect(keys.filter((k) => typeof k === 'string')).toHaveLength(recorded.length);
    // The live feed was told to come back, and from where.
    // Nothing listens any more, and the next start finds everything.
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();
    const next = await startService(dataDir);
    const list = await get(next.url, '/api/missions?limit=50');
    expect(list.body.total).toBe(1 + recorded.length);
    await next.kill('SIGTERM');
    process.stdout.write(
      `faults: graceful shutdown: exit 0 after ${tookMs} ms; ${recorded.length} in-flight commands finished, ${answers.length - recorded.length} refused while draining; live feed closed with retry ${follower.retryMs} ms\n`,
    );
  }, 120_000);
});
