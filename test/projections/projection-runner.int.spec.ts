import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { ProjectionDatabase } from '../../src/projections/projection-database.js';
import { ProjectionFeed } from '../../src/projections/projection-feed.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import type { ReadModelChange } from '../../src/projections/projection.js';
import { event } from '../event-store/event-store.contract.js';
import { counting, counts } from './projection.fixtures.js';

describe('Projection runner', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'envoy-runner-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), durability: 'relaxed' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every event once, checkpoints with it, and publishes only after the commit', async () => {
    for (let i = 0; i < 2500; i += 1) await store.append(`s-${i % 5}`, [event('Counted')], 'any');
    const published: ReadModelChange[] = [];
    const database = new ProjectionDatabase(join(dir, 'counting.sqlite'), counting('counting'));
    const runner = new ProjectionRunner(database, (c) => published.push(...c));
    const feed = new ProjectionFeed(store, [runner]);
    feed.start();
    await runner.whenCaughtUp(await store.headPosition(), 10_000);
    const live = await store.append('s-0', [event('Counted')], 'any');
    await runner.whenCaughtUp(live.position, 10_000);
    await feed.stop();
    expect(counts(database)).toEqual({
      's-0': 501,
      's-1': 500,
      's-2': 500,
      's-3': 500,
      's-4': 500,
    });
    expect(database.position).toBe(live.position);
    expect(published.at(-1)).toEqual({
      projection: 'counting',
      key: 's-0',
      position: live.position,
    });
    database.close();
  });

  it('says why its feed paused until it applies events again', async () => {
    await store.append('s', [event('Counted')], 'any');
    const database = new ProjectionDatabase(join(dir, 'counting.sqlite'), counting('counting'));
    const runner = new ProjectionRunner(database, () => undefined);
    runner.pause('the stored event s revision 0 cannot be read');
    expect(runner.pausedBy).toBe('the stored event s revision 0 cannot be read');
    const feed = new ProjectionFeed(store, [runner]);
    feed.start();
    await runner.whenCaughtUp(await store.headPosition(), 10_000);
    await feed.stop();
    expect(runner.pausedBy).toBeUndefined();
    database.close();
  });

  it('resumes from its checkpoint after a restart without applying anything twice', async () => {
    for (let i = 0; i < 10; i += 1) await store.append('s', [event('Counted')], 'any');
    const file = join(dir, 'counting.sqlite');
    const first = new ProjectionDatabase(file, counting('counting'));
    const runner = new ProjectionRunner(first, () => undefined);
    const feed = new ProjectionFeed(store, [runner]);
    feed.start();
    await runner.whenCaughtUp(await store.headPosition(), 10_000);
    await feed.stop();
    first.close();
    for (let i = 0; i < 5; i += 1) await store.append('s', [event('Counted')], 'any');
    const second = new ProjectionDatabase(file, counting('counting'));
    const again = new ProjectionRunner(second, () => undefined);
    const feedAgain = new ProjectionFeed(store, [again]);
    feedAgain.start();
    await again.whenCaughtUp(await store.headPosition(), 10_000);
    await feedAgain.stop();
    expect(counts(second)).toEqual({ s: 15 });
    second.close();
  });

  it('dead-letters an event it cannot apply, stops there, and retries it after a fix', async () => {
    await store.append('a', [event('Counted'), event('Counted')], 'no-stream');
    const poison = await store.append('b', [event('Poison')], 'no-stream');
    await store.append('a', [event('Counted')], 1);
    const state = { poisoned: true };
    const database = new ProjectionDatabase(
      join(dir, 'counting.sqlite'),
      counting('counting', state),
    );
    const runner = new ProjectionRunner(database, () => undefined);
    const feed = new ProjectionFeed(store, [runner]);
    feed.start();
    for (let i = 0; i < 200 && runner.state !== 'failed'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(runner.state).toBe('failed');
    expect(runner.error).toMatch(/cannot digest/);
    expect(counts(database)).toEqual({ a: 2 });
    expect(database.deadLetters()).toEqual([
      expect.objectContaining({ position: poison.position, stream: 'b', type: 'Poison' }),
    ]);
    expect(database.failure?.position).toBe(poison.position);

    state.poisoned = false;
    feed.retry(runner);
    await runner.whenCaughtUp(await store.headPosition(), 10_000);
    await feed.stop();
    expect(runner.state).toBe('stopped');
    expect(counts(database)).toEqual({ a: 3, b: 1 });
    expect(database.failure).toBeUndefined();
    database.close();
  });
});
