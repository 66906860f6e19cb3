import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../src/config/config.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { ProjectionsService } from '../../src/projections/projections.service.js';
import { ReadModelChanges } from '../../src/projections/read-model-changes.js';
import { event } from '../event-store/event-store.contract.js';
import { counting, countingReads } from './projection.fixtures.js';

describe('Projections service', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  let service: ProjectionsService | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'envoy-projections-'));
    store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), durability: 'relaxed' });
  });
  afterEach(async () => {
    await service?.onModuleDestroy();
    service?.onApplicationShutdown();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function start(eventStore: EventStore = store): ProjectionsService {
    service = new ProjectionsService(
      eventStore,
      { dataDir } as AppConfig,
      [counting('a'), counting('b')],
      new ReadModelChanges(),
    );
    service.onApplicationBootstrap();
    return service;
  }

  const readModels = () => readdirSync(join(dataDir, 'read-models')).sort();

  it('discards at start a generation a rebuild left unfinished', async () => {
    start();
    await service!.onModuleDestroy();
    service!.onApplicationShutdown();
    const unfinished = join(dataDir, 'read-models', 'a.7.sqlite');
    writeFileSync(unfinished, 'interrupted');
    writeFileSync(`${unfinished}-wal`, 'interrupted');
    start();
    expect(existsSync(unfinished)).toBe(false);
    expect(existsSync(`${unfinished}-wal`)).toBe(false);
    expect(readModels()).toEqual(expect.arrayContaining(['a.1.sqlite', 'a.active', 'b.1.sqlite']));
  });

  it('fills a read model it has not got from zero unsynced, and syncs it once it has caught up', async () => {
    for (let i = 0; i < 2500; i += 1) await store.append(`s-${i % 3}`, [event('Counted')], 'any');
    const projections = start();
    expect(projections.database('a').mode).toBe('filling');
    const head = await store.headPosition();
    await projections.whenCaughtUp('a', head, 10_000);
    for (let i = 0; i < 200 && projections.database('a').mode !== 'serving'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(projections.database('a').mode).toBe('serving');
    expect(readModels()).not.toContain('a.1.sqlite.unfinished');
    await projections.onModuleDestroy();
    projections.onApplicationShutdown();

    const again = start();
    expect(again.database('a').mode).toBe('serving');
    expect(again.database('a').db.prepare('SELECT sum(n) FROM counts').pluck().get()).toBe(2500);
  });

  it('given a process stopped while it filled a read model, then the next start fills it again from zero', async () => {
    for (let i = 0; i < 30; i += 1) await store.append('s', [event('Counted')], 'any');
    const first = start();
    await first.whenCaughtUp('a', await store.headPosition(), 10_000);
    await first.onModuleDestroy();
    first.onApplicationShutdown();
    // As if it had stopped before syncing: the file may hold anything.
    writeFileSync(join(dataDir, 'read-models', 'a.1.sqlite.unfinished'), '');
    writeFileSync(join(dataDir, 'read-models', 'a.1.sqlite'), 'torn pages');

    const again = start();
    expect(again.database('a').mode).toBe('filling');
    await again.whenCaughtUp('a', await store.headPosition(), 10_000);
    expect(again.database('a').db.prepare('SELECT sum(n) FROM counts').pluck().get()).toBe(30);
  });

  it('rebuilds beside the serving generations, reading the store once for both, and swaps them in', async () => {
    for (let i = 0; i < 2500; i += 1) await store.append(`s-${i % 3}`, [event('Counted')], 'any');
    const projections = start();
    const head = await store.headPosition();
    await Promise.all(['a', 'b'].map((name) => projections.whenCaughtUp(name, head, 10_000)));

    const reads = countingReads(store);
    await projections.onModuleDestroy();
    projections.onApplicationShutdown();
    const again = start(reads.store);
    await Promise.all(['a', 'b'].map((name) => again.whenCaughtUp(name, head, 10_000)));
    expect(reads.read()).toBe(0);

    expect(again.rebuild('a')).toEqual({ generation: 2, alreadyRunning: false });
    expect(again.rebuild('b')).toEqual({ generation: 2, alreadyRunning: false });
    expect(again.rebuild('a')).toEqual({ generation: 2, alreadyRunning: true });
    await Promise.all([again.rebuilt('a'), again.rebuilt('b')]);
    expect(reads.read()).toBe(2500);

    let status = await again.status();
    // Swapped in, the copies join the feed of the serving generations and catch up there.
    while (status.some((s) => s.state !== 'live')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      status = await again.status();
    }
    expect(status.map((s) => [s.name, s.generation, s.state, s.rebuilding])).toEqual([
      ['a', 2, 'live', null],
      ['b', 2, 'live', null],
    ]);
    expect(again.database('a').mode).toBe('serving');
    expect(again.database('a').db.prepare('SELECT sum(n) FROM counts').pluck().get()).toBe(2500);
    expect(readModels().filter((f) => f.startsWith('a.'))).toEqual([
      'a.2.sqlite',
      'a.2.sqlite-shm',
      'a.2.sqlite-wal',
      'a.active',
    ]);
    const live = await store.append('s-0', [event('Counted')], 'any');
    await again.whenCaughtUp('a', live.position, 10_000);
  });
});
