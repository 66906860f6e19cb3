import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';

export interface IdempotencyRecord {
  readonly actor: string;
  readonly key: string;
  readonly requestHash: string;
  readonly status: number;
  /** The answer's body as it was sent: JSON text. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

interface Row {
  request_hash: string;
  status: number;
  body: string;
  headers: string;
}

/**
 * The first answer to each (caller, Idempotency-Key), kept in DATA_DIR/idempotency.sqlite
 * so a retry gets the same status and body after a restart. The event streams remain
 * the source of truth: a command retried after a crash finds its own events by key.
 */
export class IdempotencyRecords {
  private readonly db: Database.Database;
  private readonly findStatement: Database.Statement<[string, string], Row>;
  private readonly saveStatement: Database.Statement<
    [string, string, string, number, string, string, string]
  >;

  private readonly pending = new Map<string, IdempotencyRecord>();
  /** Told once the pending records are written (or could not be, and are kept to retry). */
  private readonly afterFlush: (() => void)[] = [];
  private readonly logger = new Logger('idempotency');
  private retry: NodeJS.Timeout | undefined;
  private readonly saveAll: (records: readonly IdempotencyRecord[], recordedAt: string) => void;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Only this connection ever opens the file (the instance lock keeps other processes off
    // DATA_DIR): holding the lock spares every lookup SQLite's shared-memory locking.
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency (
      actor TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
      status INTEGER NOT NULL, body TEXT NOT NULL, headers TEXT NOT NULL, recorded_at TEXT NOT NULL,
      PRIMARY KEY (actor, key))`);
    this.findStatement = this.db.prepare(
      'SELECT request_hash, status, body, headers FROM idempotency WHERE actor = ? AND key = ?',
    );
    this.saveStatement = this.db.prepare(
      'INSERT OR IGNORE INTO idempotency (actor, key, request_hash, status, body, headers, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.saveAll = this.db.transaction(
      (records: readonly IdempotencyRecord[], recordedAt: string) => {
        for (const r of records) {
          this.saveStatement.run(
            r.actor,
            r.key,
            r.requestHash,
            r.status,
            r.body,
            JSON.stringify(r.headers),
            recordedAt,
          );
        }
      },
    );
  }

  find(actor: string, key: string): IdempotencyRecord | undefined {
    const pending = this.pending.get(`${actor}\n${key}`);
    if (pending) return pending;
    const row = this.findStatement.get(actor, key);
    if (!row) return undefined;
    return {
      actor,
      key,
      requestHash: row.request_hash,
      status: row.status,
      body: row.body,
      headers: JSON.parse(row.headers) as Record<string, string>,
    };
  }

  /**
   * Queued and written with the others of the same event-loop turn, in one transaction;
   * `written` (if given) is called once that transaction is over, for the answer to wait
   * for: written, it survives the process being killed; only a power cut may lose the last
   * ones (the file is not synced for them, as it is for saveNow).
   */
  save(record: IdempotencyRecord, written?: () => void): void {
    const id = `${record.actor}\n${record.key}`;
    if (written) this.afterFlush.push(written);
    if (this.pending.has(id)) return;
    this.pending.set(id, record);
    if (this.pending.size === 1) setImmediate(() => this.flush());
  }

  /**
   * Written, and synced to disk, before it returns (with what else is pending): for an answer
   * no event records (a refusal, a command that changed nothing), which a crash before the
   * next flush would otherwise forget, so that a retry would be decided again.
   */
  saveNow(record: IdempotencyRecord): void {
    this.save(record);
    this.flush(true);
  }

  close(): void {
    clearTimeout(this.retry);
    this.flush();
    this.db.close();
  }

  /**
   * Writes what is pending. When the file cannot be written (disk full, read-only) the
   * records stay pending, still answering retries from memory, and are tried again a
   * second later: a failed write here must never take the process down.
   */
  private flush(synced = false): void {
    this.write(synced);
    for (const written of this.afterFlush.splice(0)) written();
  }

  private write(synced: boolean): void {
    if (this.pending.size === 0 || !this.db.open) return;
    const records = [...this.pending.values()];
    const recordedAt = new Date().toISOString();
    try {
      if (synced) this.db.pragma('synchronous = FULL');
      try {
        this.saveAll(records, recordedAt);
      } finally {
        if (synced) this.db.pragma('synchronous = NORMAL');
      }
    } catch (error) {
      this.logger.warn(
        `could not save ${records.length} idempotency records, retrying: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!this.retry) {
        this.retry = setTimeout(() => {
          this.retry = undefined;
          this.flush();
        }, 1000);
        this.retry.unref();
      }
      return;
    }
    this.pending.clear();
  }
}
