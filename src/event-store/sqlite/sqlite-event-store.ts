import Database from 'better-sqlite3';
import {
  isJsonObject,
  parseJsonObject,
  unreadableJson,
  type JsonObject,
} from '../../shared/json.js';
import {
  DamagedEventError,
  DuplicateEventIdError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store.errors.js';
import { chainEvents } from '../chain-events.js';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
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
import { decodePosition, START, type Position } from '../position.js';
import { GroupCommitQueue, type Outcome } from './group-commit-queue.js';
import { LimitedQuery } from './limited-query.js';
import { CommittedEvent, type CommittedRow, RecentCommits } from './recent-commits.js';
import { sequenceToPosition } from './sequence-position.js';
import { KEY_INDEX_BACKFILL, KEY_INDEX_SCHEMA, SCHEMA } from './sqlite-schema.js';
import { openForReading } from './open-for-reading.js';
import { CommitSignal } from './commit-signal.js';
import { isCorrupt, needsReopen, storeClosed, toStoreError } from './sqlite-errors.js';

export type Durability = 'full' | 'relaxed';

export interface SqliteEventStoreOptions {
  /** Path of the database file. */
  readonly file: string;
  /** 'full' fsyncs every commit; 'relaxed' survives a process crash, not power loss. */
  readonly durability: Durability;
  /** Rows read per query by reads and subscriptions. */
  readonly pageSize?: number;
  /** How often an idle subscription looks for events written by another process. */
  readonly pollIntervalMs?: number;
  /** Told the rows of every commit (the writer thread sends them to the service's thread). */
  readonly onCommitted?: (rows: readonly CommittedRow[]) => void;
  /**
   * Only read the file (the audit tools' history, replay, verify, digest and export): it
   * must exist, its journal mode and schema are left as they are, and nothing is left
   * beside it (see openForReading). Appends fail.
   */
  readonly readOnly?: boolean;
}

interface EventRow {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** An event ready for the file: its data and metadata already JSON text. */
export interface SerializedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

interface PendingAppend {
  readonly stream: string;
  readonly events: readonly SerializedEvent[];
  readonly expected: ExpectedRevision;
  readonly options?: AppendOptions;
}

/** Serialized events linked into the stream's hash chain (their data is hashed as stored). */
function chainSerialized(
  stream: string,
  events: readonly SerializedEvent[],
  firstRevision: number,
  prevHash: string | null,
): { events: SerializedEvent[]; lastHash: string | null } {
  const parsed = events.map((e) => ({
    id: e.id,
    type: e.type,
    data: JSON.parse(e.data) as JsonObject,
    metadata: JSON.parse(e.metadata) as JsonObject,
  }));
  const chained = chainEvents(stream, parsed, firstRevision, prevHash);
  return {
    events: chained.events.map((e, i) => ({ ...events[i], metadata: JSON.stringify(e.metadata) })),
    lastHash: chained.lastHash,
  };
}

/** The event as the file stores it (the service's thread does this before handing it on). */
export function serializeEvent(event: EventToAppend): SerializedEvent {
  return {
    id: event.id,
    type: event.type,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
  };
}

const SELECT_COLUMNS = 'position, stream, revision, id, type, data, metadata, recorded_at';

/** How long busy writes wait for another process's lock before answering 503. */
const BUSY_TIMEOUT_MS = 1000;
/** How long after a failed (re)open the file is tried again. */
const REOPEN_DELAY_MS = 1000;

interface Statements {
  readonly head: Database.Statement<[string], { revision: number }>;
  readonly byId: Database.Statement<
    [string],
    { stream: string; revision: number; position: number; hash: string | null }
  >;
  readonly insert: Database.Statement<[string, number, string, string, string, string, string]>;
  readonly maxPosition: Database.Statement<[], { position: number | null }>;
  readonly exists: Database.Statement<[string], { found: number }>;
  readonly streamForwards: LimitedQuery<[string, number], EventRow>;
  readonly streamBackwards: LimitedQuery<[string, number], EventRow>;
  readonly all: LimitedQuery<[number], EventRow>;
  readonly allFiltered: LimitedQuery<
    [{ after: number; types: string | null; prefixes: string | null }],
    EventRow
  >;
  /** Absent on a file opened only to read that predates the key index (an old backup). */
  readonly keyed:
    | Database.Statement<[string, string], { stream: string; request_hash: string | null }>
    | undefined;
}

interface Connection {
  readonly db: Database.Database;
  readonly statements: Statements;
  readonly commitBatch: Database.Transaction<
    (batch: readonly PendingAppend[]) => Outcome<AppendResult>[]
  >;
}

/**
 * The embedded event store: one SQLite file in WAL mode. This process has one
 * connection: it group-commits every append queued during an event-loop turn, and
 * reads page by page so no read holds the whole store in memory. better-sqlite3 is
 * synchronous, so the process's reads never overlap its writes, and one connection
 * keeps its page cache warm (a second one re-reads pages after every commit). WAL lets
 * other processes (the audit CLI, a backup) read while the service writes.
 */
export class SqliteEventStore implements EventStore {
  private readonly pageSize: number;
  private readonly pollIntervalMs: number;
  private readonly commits = new CommitSignal();
  private readonly queue: GroupCommitQueue<PendingAppend, AppendResult>;
  private readonly recent = new RecentCommits();
  /** The events the transaction being committed inserted (undefined outside a commit). */
  private inserted: CommittedRow[] | undefined;
  private closed = false;
  /** The open connection; undefined while the file cannot be opened (it is retried). */
  private connection: Connection | undefined;
  private reopenAfter = 0;

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.pageSize = options.pageSize ?? 1000;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    try {
      this.connection = this.open();
    } catch (error) {
      // A file that is locked, read-only or on a full disk is waited for; one that is
      // not a database at all stops the service.
      const mapped = toStoreError(error);
      if (!(mapped instanceof StoreUnavailableError) || isCorrupt(error)) throw mapped;
      this.reopenAfter = Date.now() + REOPEN_DELAY_MS;
    }
    this.queue = new GroupCommitQueue(
      (batch) => {
        // IMMEDIATE takes the write lock first, so a lock another process holds is waited
        // for (busy_timeout); a deferred one would fail at once when it upgrades.
        const connection = this.use();
        const inserted: CommittedRow[] = [];
        this.inserted = inserted;
        let outcomes: Outcome<AppendResult>[];
        try {
          outcomes = connection.commitBatch.immediate(batch);
        } catch (error) {
          this.recent.clear();
          throw error;
        } finally {
          this.inserted = undefined;
        }
        this.options.onCommitted?.(inserted);
        this.acceptCommitted(inserted);
        if (outcomes.some((o) => o.ok)) this.commits.notify();
        return outcomes;
      },
      (error) => this.failed(error),
    );
  }

  /**
   * Opens the file and prepares every statement. Called at start and again after a
   * failure that a fresh connection may cure (the file was read-only, moved, unreadable).
   */
  private open(): Connection {
    if (this.options.readOnly) {
      const db = openForReading(this.options.file);
      try {
        db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
        return this.prepare(db);
      } catch (error) {
        db.close();
        throw error;
      }
    }
    const db = new Database(this.options.file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${this.options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
      // Short: better-sqlite3 waits on the event loop. A file another process keeps
      // locked longer answers 503 rather than stalling every request.
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // Checkpoint every ~40 MB of WAL rather than 4 MB: fewer stalls under write load.
      db.pragma('wal_autocheckpoint = 10000');
      db.exec(SCHEMA);
      createKeyIndex(db);
      return this.prepare(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private prepare(db: Database.Database): Connection {
    const statements: Statements = {
      head: db.prepare(
        'SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
      ),
      byId: db.prepare(
        "SELECT stream, revision, position, json_extract(metadata, '$.hash') AS hash FROM events WHERE id = ?",
      ),
      insert: db.prepare(
        'INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      maxPosition: db.prepare('SELECT MAX(position) AS position FROM events'),
      keyed: hasTable(db, 'event_keys')
        ? db.prepare('SELECT stream, request_hash FROM event_keys WHERE actor = ? AND key = ?')
        : undefined,
      exists: db.prepare('SELECT 1 AS found FROM events WHERE stream = ? LIMIT 1'),
      streamForwards: new LimitedQuery(
        db,
        (limit) =>
          `SELECT ${SELECT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ${limit}`,
        this.pageSize,
      ),
      streamBackwards: new LimitedQuery(
        db,
        (limit) =>
          `SELECT ${SELECT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ${limit}`,
        this.pageSize,
      ),
      all: new LimitedQuery(
        db,
        (limit) =>
          `SELECT ${SELECT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ${limit}`,
        this.pageSize,
      ),
      allFiltered: new LimitedQuery(
        db,
        (limit) => `SELECT ${SELECT_COLUMNS} FROM events WHERE position > @after
           AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
           AND (@prefixes IS NULL OR EXISTS (SELECT 1 FROM json_each(@prefixes) WHERE substr(stream, 1, length(value)) = value))
         ORDER BY position ASC LIMIT ${limit}`,
        this.pageSize,
      ),
    };
    const commitBatch = db.transaction((batch: readonly PendingAppend[]) =>
      batch.map((pending) => {
        const insertedBefore = this.inserted?.length ?? 0;
        try {
          return { ok: true as const, value: this.appendOne(statements, pending) };
        } catch (error) {
          // A refused append inserted nothing the buffer of recent commits may hand out.
          if (this.inserted) this.inserted.length = insertedBefore;
          if (isRefusal(error)) return { ok: false as const, error };
          throw error;
        }
      }),
    );
    return { db, statements, commitBatch };
  }

  /** The open connection, reopened once the retry delay has passed; throws while there is none. */
  private use(): Connection {
    if (this.closed) throw storeClosed();
    if (this.connection) return this.connection;
    if (Date.now() < this.reopenAfter) {
      throw new StoreUnavailableError('embedded store unavailable: waiting to reopen the file');
    }
    try {
      this.connection = this.open();
      return this.connection;
    } catch (error) {
      this.reopenAfter = Date.now() + REOPEN_DELAY_MS;
      throw toStoreError(error);
    }
  }

  /**
   * Maps a failure to the port's error. A connection that may not recover by itself
   * (opened read-only, the file moved or unreadable) is closed, to be opened afresh.
   */
  private failed(error: unknown): unknown {
    const mapped = toStoreError(error);
    if (mapped instanceof StoreUnavailableError && needsReopen(error) && this.connection) {
      const { db } = this.connection;
      this.connection = undefined;
      this.reopenAfter = Date.now() + REOPEN_DELAY_MS;
      try {
        db.close();
      } catch {
        // already unusable
      }
    }
    return mapped;
  }

  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    assertValidAppend(stream, events, expected, options);
    return this.appendSerialized(stream, events.map(serializeEvent), expected, options);
  }

  /** append() for events already checked and serialized (by the writer thread's caller). */
  appendSerialized(
    stream: string,
    events: readonly SerializedEvent[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(storeClosed());
    return this.queue.enqueue({ stream, events, expected, options });
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let next = firstRevision(options.fromRevision, backwards);
    let first = true;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const rows = this.read(({ statements }) =>
        (backwards ? statements.streamBackwards : statements.streamForwards).all(
          limit,
          stream,
          next,
        ),
      );
      if (first && rows.length === 0 && !this.streamExists(stream)) {
        throw new StreamNotFoundError(stream);
      }
      first = false;
      for (const row of rows) yield toRecorded(row, options.keepDamaged);
      if (rows.length < limit) return;
      remaining -= rows.length;
      next = rows[rows.length - 1].revision + (backwards ? -1 : 1);
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = sequenceOf(options.fromPosition ?? START);
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const rows = this.readPage(after, limit, options.filter);
      for (const row of rows) yield toRecorded(row, options.keepDamaged);
      if (rows.length < limit) return;
      remaining -= rows.length;
      after = rows[rows.length - 1].position;
      if (remaining > 0) await nextTurn();
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    let stopped = false;
    const stop = new CommitSignal();
    const feed = async function* (this: SqliteEventStore): AsyncGenerator<RecordedEvent> {
      let after = sequenceOf(options.fromPosition ?? START);
      // Woken by this process's own commit, with the recent commits reaching back to
      // `after`: nothing is new unless another process wrote, which the poll still finds.
      let ownCommitOnly = false;
      while (!stopped && !this.closed) {
        // Taken before the read: a commit landing after the read still wakes us.
        const committed = this.commits.next();
        const recent = this.recent.after(after, this.pageSize, options.filter);
        if (recent !== undefined && recent.upTo > after) {
          for (const event of recent.events) {
            yield event;
            if (stopped) return;
          }
          after = recent.upTo;
          continue;
        }
        if (recent !== undefined && ownCommitOnly) {
          ownCommitOnly = await this.waitForCommit(committed, stop.next());
          continue;
        }
        // A filtered read that finds nothing moves on to the head, the head as it was before
        // the read: a commit landing between the two (the writer thread, another process) is
        // past it, so it is read next time rather than skipped.
        const head = options.filter ? this.maxSequence() : after;
        const rows = this.readPage(after, this.pageSize, options.filter);
        if (rows.length === 0) {
          after = Math.max(after, head);
          ownCommitOnly = await this.waitForCommit(committed, stop.next());
          continue;
        }
        ownCommitOnly = false;
        for (const row of rows) {
          yield toRecorded(row);
          if (stopped) return;
        }
        after = rows[rows.length - 1].position;
        // A full page: a backlog. Reading it all in one go would hold the event loop
        // (a subscriber far behind would keep the service from answering, even from listening).
        if (rows.length === this.pageSize) await nextTurn();
      }
    }.call(this);
    return {
      [Symbol.asyncIterator]: () => feed,
      close: async () => {
        stopped = true;
        stop.notify();
        await feed.return(undefined);
      },
    };
  }

  async headPosition(): Promise<Position> {
    return sequenceToPosition(this.maxSequence());
  }

  keyedStream(actor: string, key: string): KeyedStream | undefined {
    const row = this.read(({ statements }) => statements.keyed?.get(actor, key));
    return row && { stream: row.stream, requestHash: row.request_hash };
  }

  /** Reads the file (its last position), so a store that cannot be read does not answer. */
  async ping(): Promise<void> {
    this.maxSequence();
  }

  /**
   * Rows another connection of this process committed (the writer thread): live
   * subscriptions take them from memory and are woken, as for this connection's own.
   */
  acceptCommitted(rows: readonly CommittedRow[]): void {
    if (rows.length === 0) return;
    this.recent.add(rows.map((row) => new CommittedEvent(row)));
  }

  /** Wakes live subscriptions (after acceptCommitted). */
  notifyCommitted(): void {
    this.commits.notify();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.drain();
    this.closed = true;
    this.commits.notify();
    this.connection?.db.close();
    this.connection = undefined;
  }

  private appendOne(statements: Statements, pending: PendingAppend): AppendResult {
    const { stream, events, expected } = pending;
    const head = statements.head.get(stream)?.revision;
    const repeated = this.repeatedAppend(statements, pending);
    if (repeated) return repeated;
    checkExpected(stream, expected, head);
    const recordedAt = new Date().toISOString();
    let revision = head ?? -1;
    let position = 0;
    const chained = pending.options?.chain
      ? chainSerialized(stream, events, revision + 1, pending.options.chain.prevHash)
      : undefined;
    for (const event of chained?.events ?? events) {
      revision += 1;
      const { data, metadata } = event;
      const info = statements.insert.run(
        stream,
        revision,
        event.id,
        event.type,
        data,
        metadata,
        recordedAt,
      );
      position = Number(info.lastInsertRowid);
      this.inserted?.push({
        sequence: position,
        id: event.id,
        type: event.type,
        stream,
        revision,
        position: sequenceToPosition(position),
        data,
        metadata,
        recordedAt,
      });
    }
    return {
      nextRevision: revision,
      position: sequenceToPosition(position),
      ...(chained?.lastHash != null && { lastHash: chained.lastHash }),
    };
  }

  /** The original result when every event id is already in this stream, in order. */
  private repeatedAppend(statements: Statements, pending: PendingAppend): AppendResult | undefined {
    const found = pending.events.map((e) => statements.byId.get(e.id));
    if (found.every((f) => f === undefined)) return undefined;
    pending.events.forEach((event, i) => {
      const here = found[i];
      const previous = found[i - 1];
      const inOrder =
        i === 0 || (previous !== undefined && here?.revision === previous.revision + 1);
      if (here === undefined || here.stream !== pending.stream || !inOrder) {
        throw new DuplicateEventIdError(pending.stream, event.id);
      }
    });
    const last = found[found.length - 1]!;
    return {
      nextRevision: last.revision,
      position: sequenceToPosition(last.position),
      ...(typeof last.hash === 'string' && { lastHash: last.hash }),
    };
  }

  private readPage(after: number, limit: number, filter: EventFilter | undefined): EventRow[] {
    if (!filter || (!filter.eventTypes && !filter.streamPrefixes)) {
      return this.read(({ statements }) => statements.all.all(limit, after));
    }
    const types = filter.eventTypes ? JSON.stringify(filter.eventTypes) : null;
    const prefixes = filter.streamPrefixes ? JSON.stringify(filter.streamPrefixes) : null;
    return this.read(({ statements }) =>
      statements.allFiltered.all(limit, { after, types, prefixes }),
    );
  }

  private maxSequence(): number {
    return this.read(({ statements }) => statements.maxPosition.get()?.position ?? 0);
  }

  private streamExists(stream: string): boolean {
    return this.read(({ statements }) => statements.exists.get(stream) !== undefined);
  }

  private read<T>(query: (connection: Connection) => T): T {
    const connection = this.use();
    try {
      return query(connection);
    } catch (error) {
      throw this.failed(error);
    }
  }

  /** Waits for this process's next commit (true), a stop, or the poll interval (false). */
  private async waitForCommit(committed: Promise<void>, stopped: Promise<void>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const poll = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), this.pollIntervalMs);
      timer.unref();
    });
    const byCommit = await Promise.race([
      committed.then(() => true),
      stopped.then(() => false),
      poll,
    ]);
    clearTimeout(timer);
    return byCommit;
  }
}

function checkExpected(stream: string, expected: ExpectedRevision, head: number | undefined): void {
  const actual = head ?? 'no-stream';
  const ok =
    expected === 'any' ||
    (expected === 'no-stream' && head === undefined) ||
    (expected === 'exists' && head !== undefined) ||
    expected === head;
  if (!ok) throw new WrongExpectedRevisionError(stream, expected, actual);
}

/** Where a stream read starts: 'end' forwards and 'start' backwards read nothing. */
function firstRevision(from: ReadStreamOptions['fromRevision'], backwards: boolean): number {
  if (typeof from === 'number') return from;
  const atEnd = from === 'end' || (from === undefined && backwards);
  if (atEnd) return Number.MAX_SAFE_INTEGER;
  return backwards ? -1 : 0;
}

function isRefusal(error: unknown): boolean {
  return error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError;
}

function sequenceOf(position: Position): number {
  return Number(decodePosition(position).commit);
}

function hasTable(db: Database.Database, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

/**
 * The key index and its trigger; filled from the events' metadata when it is new (a store
 * written before it existed), in one transaction, so no append falls between the two.
 */
function createKeyIndex(db: Database.Database): void {
  // Checked first without a write lock: a store another process holds locked still opens.
  if (hasTable(db, 'event_keys')) return;
  db.transaction(() => {
    if (hasTable(db, 'event_keys')) return;
    db.exec(KEY_INDEX_SCHEMA);
    db.exec(KEY_INDEX_BACKFILL);
  }).immediate();
}

function toRecorded(row: EventRow, keepDamaged = false): RecordedEvent {
  // Every read of the service comes this way: one object, nothing spread.
  if (!keepDamaged) {
    try {
      const data: unknown = JSON.parse(row.data);
      const metadata: unknown = JSON.parse(row.metadata);
      if (isJsonObject(data) && isJsonObject(metadata)) {
        return {
          id: row.id,
          type: row.type,
          stream: row.stream,
          revision: row.revision,
          position: sequenceToPosition(row.position),
          data,
          metadata,
          recordedAt: row.recorded_at,
          dataJson: row.data,
        };
      }
    } catch {
      // Not JSON any more: named below, as JSON that is no object (`null`, `[1]`) is.
    }
  }
  const data = parseJsonObject(row.data);
  const metadata = parseJsonObject(row.metadata);
  const damaged = [
    data.problem === undefined ? undefined : unreadableJson('data', data),
    metadata.problem === undefined ? undefined : unreadableJson('metadata', metadata),
  ].filter((why) => why !== undefined);
  const recorded = {
    id: row.id,
    type: row.type,
    stream: row.stream,
    revision: row.revision,
    position: sequenceToPosition(row.position),
    data: data.value ?? {},
    metadata: metadata.value ?? {},
    recordedAt: row.recorded_at,
  };
  if (damaged.length === 0) return { ...recorded, dataJson: row.data };
  if (!keepDamaged) {
    throw new DamagedEventError(row.stream, row.revision, recorded.position, damaged.join('; '));
  }
  return { ...recorded, damaged: damaged.join('; ') };
}

/** Lets timers and I/O run before the next page is read. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
