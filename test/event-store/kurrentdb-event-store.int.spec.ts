import { KURRENTDB_SCHEME } from '../../src/event-store/kurrentdb/kurrentdb-connection-scheme.js';
import { KurrentDbEventStore } from '../../src/event-store/kurrentdb/kurrentdb-event-store.js';
import { eventStoreContract } from './event-store.contract.js';

const url = process.env.EVENTSTORE_URL;
const runs = url !== undefined && KURRENTDB_SCHEME.test(url);

if (!runs) {
  process.stdout.write(
    '\n!! KurrentDB contract leg SKIPPED: EVENTSTORE_URL is not set. Run it with\n' +
      '!!   docker compose up -d kurrentdb\n' +
      '!!   EVENTSTORE_URL="kurrentdb://localhost:2113?tls=false" npm run test:int\n\n',
  );
}

(runs ? describe : describe.skip)('Event store contract: KurrentDB', () => {
  // A stock server takes 1 MiB per append (docker-compose.yml raises it): either answer is true.
  eventStoreContract(
    async () => {
      const store = KurrentDbEventStore.fromConnectionString(url ?? '');
      return { store, dispose: () => store.close() };
    },
    { mayLimitAppendSize: true },
  );
});
