import type { StoreConfig } from '../config/config.js';
import type { EventStore } from './event-store.port.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import {
  ThreadedSqliteEventStore,
  writerThreadAvailable,
} from './sqlite/threaded-sqlite-event-store.js';

/**
 * The adapter the configuration names: the embedded file by default, KurrentDB by URL.
 * The embedded store writes on its own thread when the compiled writer script is there
 * (always, for the built service); run from TypeScript sources, or asked to (a thread that
 * only reads), it writes inline. The KurrentDB client (gRPC) is loaded only when KurrentDB is
 * configured: the embedded store starts without paying for it.
 */
export async function openEventStore(
  config: StoreConfig,
  { writerThread = true }: { readonly writerThread?: boolean } = {},
): Promise<EventStore> {
  switch (config.kind) {
    case 'sqlite': {
      const options = {
        file: config.file,
        durability: config.durability,
        readOnly: config.readOnly === true,
      };
      return writerThread && !options.readOnly && writerThreadAvailable()
        ? new ThreadedSqliteEventStore(options)
        : new SqliteEventStore(options);
    }
    case 'kurrentdb': {
      const { KurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store.js');
      return KurrentDbEventStore.fromConnectionString(config.connectionString);
    }
  }
}
