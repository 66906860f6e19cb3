import type { StoreConfig } from '../config/config.js';
import type { EventStore } from './event-store.port.js';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import {
  ThreadedSqliteEventStore,
  writerThreadAvailable,
} from './sqlite/threaded-sqlite-event-store.js';

/**
 * The adapter the configuration names: the embedded file by default, KurrentDB by URL.
 * The embedded store writes on its own thread when the compiled writer script is there
 * (always, for the built service); run from TypeScript sources, or asked to (a thread that
 * only reads), it writes inline.
 */
export function openEventStore(
  config: StoreConfig,
  { writerThread = true }: { readonly writerThread?: boolean } = {},
): EventStore {
  switch (config.kind) {
    case 'sqlite': {
      const options = { file: config.file, durability: config.durability };
      return writerThread && writerThreadAvailable()
        ? new ThreadedSqliteEventStore(options)
        : new SqliteEventStore(options);
    }
    case 'kurrentdb':
      return KurrentDbEventStore.fromConnectionString(config.connectionString);
  }
}
