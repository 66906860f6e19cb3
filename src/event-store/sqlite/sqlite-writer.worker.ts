import { parentPort, workerData } from 'node:worker_threads';
import type { CommittedRow } from './recent-commits.js';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store.js';
import {
  type AppendAnswer,
  encodeError,
  type FromWriter,
  type ToWriter,
} from './writer-messages.js';

/**
 * The embedded store's writer thread: its own connection appends what the service's
 * thread sends, group-committed as in the service (one transaction and one fsync per
 * batch), and answers each batch with its outcomes and the rows it committed.
 */
const port = parentPort;
if (port === null) throw new Error('sqlite-writer.worker runs as a worker thread');

let committed: CommittedRow[] = [];
const store = new SqliteEventStore({
  ...(workerData as Omit<SqliteEventStoreOptions, 'onCommitted'>),
  onCommitted: (rows) => committed.push(...rows),
});

port.on('message', (message: ToWriter) => {
  if (message.kind === 'close') {
    void store.close().finally(() => port.postMessage({ kind: 'closed' } satisfies FromWriter));
    return;
  }
  const appends = message.appends.map((a) =>
    store.appendSerialized(a.stream, a.events, a.expected, a.options),
  );
  void Promise.allSettled(appends).then((settled) => {
    const answers = settled.map((s): AppendAnswer =>
      s.status === 'fulfilled'
        ? { ok: true, value: s.value }
        : { ok: false, error: encodeError(s.reason) },
    );
    const rows = committed;
    committed = [];
    port.postMessage({
      kind: 'appended',
      batch: message.batch,
      answers,
      committed: rows,
    } satisfies FromWriter);
  });
});
