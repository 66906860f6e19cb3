import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { eventStoreContract } from './event-store.contract.js';

describe('Event store contract: embedded SQLite', () => {
  eventStoreContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envoy-store-'));
    const store = new SqliteEventStore({
      file: join(dir, 'events.sqlite'),
      durability: 'full',
      pageSize: 128,
    });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});
