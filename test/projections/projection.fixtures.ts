import type Database from 'better-sqlite3';
import type {
  EventStore,
  ReadAllOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../../src/event-store/event-store.port.js';
import type { ProjectionDatabase } from '../../src/projections/projection-database.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { perEvent, type ProjectionDefinition } from '../../src/projections/projection.js';

/** Counts events per stream; throws on Poison while `poisoned` is set. */
export function counting(name: string, state = { poisoned: false }): ProjectionDefinition {
  return {
    name,
    version: 1,
    schema: 'CREATE TABLE IF NOT EXISTS counts (stream TEXT PRIMARY KEY, n INTEGER NOT NULL)',
    bind: (db: Database.Database) => {
      const bump = db.prepare(
        'INSERT INTO counts (stream, n) VALUES (?, 1) ON CONFLICT(stream) DO UPDATE SET n = n + 1',
      );
      return perEvent((e: RecordedEvent) => {
        if (e.type === 'Poison' && state.poisoned) throw new Error('cannot digest this');
        bump.run(e.stream);
        return [e.stream];
      });
    },
  };
}

/** The counts a counting projection keeps, read from its runner or its database. */
export function counts(source: ProjectionRunner | ProjectionDatabase): Record<string, number> {
  const database = 'database' in source ? source.database : source;
  const rows = database.db.prepare('SELECT stream, n FROM counts').all() as {
    stream: string;
    n: number;
  }[];
  return Object.fromEntries(rows.map((r) => [r.stream, r.n]));
}

/** The store, counting the events its reads and subscriptions hand out. */
export function countingReads(store: EventStore): { store: EventStore; read: () => number } {
  let read = 0;
  const counted = async function* (events: AsyncIterable<RecordedEvent>) {
    for await (const e of events) {
      read += 1;
      yield e;
    }
  };
  const wrapped: EventStore = Object.create(store) as EventStore;
  wrapped.readAll = (options?: ReadAllOptions) => counted(store.readAll(options));
  wrapped.subscribeToAll = (options?: SubscribeToAllOptions) => {
    const subscription = store.subscribeToAll(options);
    const events = counted(subscription);
    return { [Symbol.asyncIterator]: () => events, close: () => subscription.close() };
  };
  return { store: wrapped, read: () => read };
}

/**
 * The store, with live subscriptions a spec can hold up. `holdOpen()` stops the subscriptions
 * open now from handing over events (their reader falls behind the log); `holdClosing()` keeps
 * a subscription closed meanwhile from finishing its close. Each returns its release.
 */
export function holdingSubscriptions(store: EventStore): {
  store: EventStore;
  holdOpen: () => () => void;
  holdClosing: () => () => void;
} {
  const open = new Set<{ held: Promise<void> }>();
  let closing: Promise<void> = Promise.resolve();
  const wrapped: EventStore = Object.create(store) as EventStore;
  wrapped.subscribeToAll = (options?: SubscribeToAllOptions) => {
    const subscription = store.subscribeToAll(options);
    const entry = { held: Promise.resolve() };
    open.add(entry);
    const events = (async function* () {
      for await (const e of subscription) {
        await entry.held;
        yield e;
      }
    })();
    return {
      [Symbol.asyncIterator]: () => events,
      close: async () => {
        open.delete(entry);
        await subscription.close();
        await closing;
      },
    };
  };
  return {
    store: wrapped,
    holdOpen: () => {
      const { held, release } = gate();
      for (const entry of open) entry.held = held;
      return release;
    },
    holdClosing: () => {
      const { held, release } = gate();
      closing = held;
      return release;
    },
  };
}

function gate(): { held: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  return { held, release };
}
