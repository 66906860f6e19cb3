import type { StoreConfig } from '../config/config.js';
import type { EventStore } from './event-store.port.js';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

/** The adapter the configuration names: the embedded file by default, KurrentDB by URL. */
export function openEventStore(config: StoreConfig): EventStore {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore({ file: config.file, durability: config.durability });
    case 'kurrentdb':
      return KurrentDbEventStore.fromConnectionString(config.connectionString);
  }
}
