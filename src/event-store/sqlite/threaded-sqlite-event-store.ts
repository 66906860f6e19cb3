import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StoreUnavailableError } from '../event-store.errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  KeyedStream,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port.js';
import { assertValidAppend } from '../event-to-append.validation.js';
import type { Position } from '../position.js';
import { storeClosed } from './sqlite-errors.js';
import {
  serializeEvent,
  SqliteEventStore,
  type SqliteEventStoreOptions,
} from './sqlite-event-store.js';
import {
  type AppendRequest,
  decodeError,
  type FromWriter,
  type ToWriter,
} from './writer-messages.js';

interface Waiting {
  readonly request: AppendRequest;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** The compiled writer thread's script, beside this file (absent when running from TypeScript). */
export const WRITER_SCRIPT = new URL('./sqlite-writer.worker.js', import.meta.url);

/** True when the writer thread can be started (the service runs compiled code). */
export function writerThreadAvailable(script: URL = WRITER_SCRIPT): boolean {
  return script.protocol === 'file:' && existsSync(fileURLToPath(script));
}

/**
 * The embedded store with its writes on a thread of their own. SQLite commits are
 * synchronous, and with full durability each one waits for fsync: on the service's thread
 * that wait stopped every request. Here the service's thread sends each event-loop turn's
 * appends to the writer thread as one batch (one transaction, one fsync) and keeps
 * answering requests meanwhile; the next batch gathers while one is being committed.
 * Reads and subscriptions use this thread's own connection, and the rows the writer
 * committed come back with its answer, so live subscribers take them from memory.
 */
export class ThreadedSqliteEventStore implements EventStore {
  private readonly reader: SqliteEventStore;
  private worker: Worker | undefined;
  private gathering: Waiting[] = [];
  private inFlight: { readonly batch: number; readonly waiting: readonly Waiting[] } | undefined;
  private nextBatch = 0;
  private scheduled = false;
  private closed = false;
  private idle: (() => void) | undefined;

  constructor(
    private readonly options: Omit<SqliteEventStoreOptions, 'onCommitted'>,
    private readonly script: URL = WRITER_SCRIPT,
  ) {
    this.reader = new SqliteEventStore(options);
    this.worker = this.startWorker();
  }

  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    assertValidAppend(stream, events, expected, options);
    if (this.closed) return Promise.reject(storeClosed());
    return new Promise<AppendResult>((resolve, reject) => {
      this.gathering.push({
        request: { stream, events: events.map(serializeEvent), expected, options },
        resolve,
        reject,
      });
      this.schedule();
    });
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.reader.readStream(stream, options);
  }

  keyedStream(actor: string, key: string): KeyedStream | undefined {
    return this.reader.keyedStream(actor, key);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.reader.readAll(options);
  }

  subscribeToAll(options?: SubscribeToAllOptions): Subscription {
    return this.reader.subscribeToAll(options);
  }

  headPosition(): Promise<Position> {
    return this.reader.headPosition();
  }

  ping(): Promise<void> {
    return this.reader.ping();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.inFlight || this.gathering.length > 0) {
      await new Promise<void>((resolve) => {
        this.idle = resolve;
        this.schedule();
      });
    }
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      const closedOrGone = new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.on('message', (message: FromWriter) => {
          if (message.kind === 'closed') resolve();
        });
      });
      // Held until it has closed its connection: nothing else may keep the process alive.
      worker.ref();
      worker.postMessage({ kind: 'close' } satisfies ToWriter);
      await closedOrGone;
      await worker.terminate();
    }
    await this.reader.close();
  }

  private startWorker(): Worker {
    const worker = new Worker(this.script, { workerData: this.options });
    worker.on('message', (message: FromWriter) => {
      if (message.kind === 'appended') this.answered(message);
    });
    // A writer thread that fails is replaced by the next append; what it held is refused.
    worker.on('error', () => this.lost(worker));
    worker.on('exit', () => this.lost(worker));
    worker.unref();
    return worker;
  }

  private lost(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const inFlight = this.inFlight;
    this.inFlight = undefined;
    for (const w of inFlight?.waiting ?? []) {
      w.reject(new StoreUnavailableError('embedded store unavailable: the writer thread stopped'));
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    if (this.gathering.length === 0) {
      this.idle?.();
      return;
    }
    this.scheduled = true;
    setImmediate(() => this.send());
  }

  private send(): void {
    this.scheduled = false;
    if (this.inFlight || this.gathering.length === 0) return;
    const waiting = this.gathering;
    this.gathering = [];
    if (!this.worker && !this.closed) this.worker = this.startWorker();
    const worker = this.worker;
    if (!worker) {
      for (const w of waiting) w.reject(storeClosed());
      this.schedule();
      return;
    }
    const batch = this.nextBatch++;
    this.inFlight = { batch, waiting };
    worker.ref();
    worker.postMessage({
      kind: 'append',
      batch,
      appends: waiting.map((w) => w.request),
    } satisfies ToWriter);
  }

  private answered(message: Extract<FromWriter, { kind: 'appended' }>): void {
    const inFlight = this.inFlight;
    if (!inFlight || inFlight.batch !== message.batch) return;
    this.inFlight = undefined;
    this.reader.acceptCommitted(message.committed);
    if (message.committed.length > 0) this.reader.notifyCommitted();
    inFlight.waiting.forEach((w, i) => {
      const answer = message.answers[i];
      if (answer.ok) w.resolve(answer.value);
      else w.reject(decodeError(answer.error));
    });
    // Nothing in flight: the thread no longer keeps the process alive.
    this.worker?.unref();
    this.schedule();
  }
}
