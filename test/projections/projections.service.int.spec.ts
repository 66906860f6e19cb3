import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../src/config/config.js';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { StoreUnavailableError } from '../../src/event-store/event-store.errors.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import type { Position } from '../../src/event-store/position.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import {
  type ProjectionStatus,
  ProjectionsService,
} from '../../src/projections/projections.service.js';
import { ReadModelChanges } from '../../src/projections/read-model-changes.js';
import { event } from '../event-store/event-store.contract.js';
import { waitFor } from '../support/wait-for.js';
import { counting, countingReads, holdingSubscriptions } from './projection.fixtures.js';

describe('Projections service', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  let service: ProjectionsService | undefined;
  let changes: ReadModelChanges;
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
    changes = new ReadModelChanges();
    service = new ProjectionsService(
      eventStore,
      { dataDir } as AppConfig,
      [counting('a'), counting('b')],
      changes,
    );
    service.onApplicationBootstrap();
    return service;
  }

  const readModels = () => readdirSync(join(dataDir, 'read-models')).sort();

  /** Appends one event to each of `count` new streams: every event is a change of its own. */
  async function appendEach(count: number): Promise<Position[]> {
    const positions: Position[] = [];
    for (let i = 0; i < count; i += 1) {
      positions.push((await store.append(randomUUID(), [event('Counted')], 'no-stream')).position);
    }
    return positions;
  }

  /** The positions of the changes a projection publishes from now on, in the order published. */
  function recordPublished(name: string): Position[] {
    const positions: Position[] = [];
    changes.listen((batch) => {
      for (const change of batch) {
        if (change.projection === name) positions.push(change.position as Position);
      }
    });
    return positions;
  }

  async function rebuildingOf(
    projections: ProjectionsService,
    name: string,
  ): Promise<ProjectionStatus['rebuilding']> {
    return (await projections.status()).find((s) => s.name === name)?.rebuilding ?? null;
  }

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

  it('says once, not on every retry, that a store which stays down keeps a read model from being served', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let checks = 0;
    const down: EventStore = Object.assign(Object.create(store) as EventStore, {
      headPosition: () => {
        checks += 1;
        return Promise.reject(new StoreUnavailableError('KurrentDB unavailable'));
      },
    });
    try {
      start(down);
      await waitFor('three checks of the head', () => (checks >= 3 ? true : undefined), 10_000);
      const said = warnings.mock.calls
        .map(([line]) => String(line))
        .filter((line) => line.startsWith('a: generation 1: '));
      expect(said).toEqual([
        'a: generation 1: paused at its check of the store’s head: StoreUnavailableError: KurrentDB unavailable',
      ]);
    } finally {
      warnings.mockRestore();
    }
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
    // Generation 1 is gone; generation 2 keeps its WAL (its index in memory: no -shm file).
    expect(readModels().filter((f) => f.startsWith('a.'))).toEqual([
      'a.2.sqlite',
      'a.2.sqlite-wal',
      'a.active',
    ]);
    const live = await store.append('s-0', [event('Counted')], 'any');
    await again.whenCaughtUp('a', live.position, 10_000);
  });

  describe('when a rebuild is swapped in while events are appended', () => {
    it('publishes every change once and in order, though the serving copy had fallen behind the rebuilt one', async () => {
      await appendEach(30);
      const held = holdingSubscriptions(store);
      const projections = start(held.store);
      await waitFor('every projection live', async () =>
        (await projections.status()).every((s) => s.state === 'live'),
      );
      const published = recordPublished('a');
      // The serving copies' live reader stops handing over what is written from here.
      const release = held.holdOpen();
      const meanwhile = await appendEach(20);

      projections.rebuild('a');
      // The copy catches up with the store, ahead of the serving copy.
      await waitFor('the copy to catch up with the store', async () => {
        const rebuilding = await rebuildingOf(projections, 'a');
        return rebuilding === null || rebuilding.position === meanwhile.at(-1);
      });
      release();
      await projections.rebuilt('a');
      const later = await appendEach(5);
      await projections.whenCaughtUp('a', later[4], 10_000);

      expect(published).toEqual([...meanwhile, ...later]);
    });

    it('publishes every change once and in order, though the rebuilt copy had fallen behind the serving one', async () => {
      await appendEach(30);
      const held = holdingSubscriptions(store);
      const projections = start(held.store);
      await projections.whenCaughtUp('a', await store.headPosition(), 10_000);
      const published = recordPublished('a');
      const before = await appendEach(20);
      // The rebuilt copy's reader is slow to let go once the copy has caught up.
      const release = held.holdClosing();

      projections.rebuild('a');
      await waitFor(
        'the copy to stop reading',
        async () => (await rebuildingOf(projections, 'a'))?.state === 'stopped',
      );
      // The copy has stopped reading; the serving copy takes one more event.
      const [missedByTheCopy] = await appendEach(1);
      await projections.whenCaughtUp('a', missedByTheCopy, 10_000);
      release();
      await projections.rebuilt('a');
      const later = await appendEach(5);
      await projections.whenCaughtUp('a', later[4], 10_000);

      expect(published).toEqual([...before, missedByTheCopy, ...later]);
    });
  });
});
