import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { ProjectionDatabase } from '../../src/projections/projection-database.js';
import { ProjectionFeed } from '../../src/projections/projection-feed.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import type { ProjectionDefinition } from '../../src/projections/projection.js';
import { event } from '../event-store/event-store.contract.js';
import { counting, countingReads, counts } from './projection.fixtures.js';

describe('Projection feed', () => {
  let dir: string;
  let store: SqliteEventStore;
  const runners: ProjectionRunner[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'envoy-feed-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), durability: 'relaxed' });
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) runner.database.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function runner(definition: ProjectionDefinition): ProjectionRunner {
    const database = new ProjectionDatabase(join(dir, `${definition.name}.sqlite`), definition);
    const made = new ProjectionRunner(database, () => undefined);
    runners.push(made);
    return made;
  }

  it('reads the log once for every projection it feeds, catching up and live', async () => {
    for (let i = 0; i < 2500; i += 1) await store.append(`s-${i % 5}`, [event('Counted')], 'any');
    const reads = countingReads(store);
    const [a, b] = [runner(counting('a')), runner(counting('b'))];
    const feed = new ProjectionFeed(reads.store, [a, b]);
    feed.start();
    await Promise.all([a, b].map(async (r) => r.whenCaughtUp(await store.headPosition(), 10_000)));
    const live = await store.append('s-0', [event('Counted')], 'any');
    await Promise.all([a, b].map((r) => r.whenCaughtUp(live.position, 10_000)));
    await feed.stop();
    expect(reads.read()).toBe(2501);
    expect(counts(a)).toEqual(counts(b));
    expect(counts(a)['s-0']).toBe(501);
    expect([a.state, b.state]).toEqual(['stopped', 'stopped']);
  });

  it('leaves a failed projection behind while the others keep up, and catches it up on retry', async () => {
    await store.append('a', [event('Counted')], 'no-stream');
    await store.append('b', [event('Poison')], 'no-stream');
    const state = { poisoned: true };
    const [healthy, poisoned] = [runner(counting('healthy')), runner(counting('poisoned', state))];
    const feed = new ProjectionFeed(store, [healthy, poisoned]);
    feed.start();
    const later = await store.append('a', [event('Counted')], 0);
    await healthy.whenCaughtUp(later.position, 10_000);
    expect(poisoned.state).toBe('failed');
    expect(counts(healthy)).toEqual({ a: 2, b: 1 });
    expect(counts(poisoned)).toEqual({ a: 1 });

    state.poisoned = false;
    feed.retry(poisoned);
    await poisoned.whenCaughtUp(later.position, 10_000);
    const last = await store.append('b', [event('Counted')], 0);
    await Promise.all([healthy, poisoned].map((r) => r.whenCaughtUp(last.position, 10_000)));
    await feed.stop();
    expect(counts(poisoned)).toEqual({ a: 2, b: 2 });
    expect(counts(healthy)).toEqual({ a: 2, b: 2 });
  });

  it('catches up a projection added behind the others from its own checkpoint', async () => {
    for (let i = 0; i < 30; i += 1) await store.append('s', [event('Counted')], 'any');
    const ahead = runner(counting('ahead'));
    const feed = new ProjectionFeed(store, [ahead]);
    feed.start();
    await ahead.whenCaughtUp(await store.headPosition(), 10_000);
    const behind = runner(counting('behind'));
    feed.add(behind);
    const last = await store.append('s', [event('Counted')], 'any');
    await Promise.all([ahead, behind].map((r) => r.whenCaughtUp(last.position, 10_000)));
    await feed.stop();
    expect(counts(ahead)).toEqual({ s: 31 });
    expect(counts(behind)).toEqual({ s: 31 });
  });
});
