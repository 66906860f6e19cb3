import Database from 'better-sqlite3';

export interface IdempotencyRecord {
  readonly actor: string;
  readonly key: string;
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
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

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
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
  }

  find(actor: string, key: string): IdempotencyRecord | undefined {
    const row = this.findStatement.get(actor, key);
    if (!row) return undefined;
    return {
      actor,
      key,
      requestHash: row.request_hash,
      status: row.status,
      body: JSON.parse(row.body) as unknown,
      headers: JSON.parse(row.headers) as Record<string, string>,
    };
  }

  save(record: IdempotencyRecord): void {
    this.saveStatement.run(
      record.actor,
      record.key,
      record.requestHash,
      record.status,
      JSON.stringify(record.body ?? null),
      JSON.stringify(record.headers),
      new Date().toISOString(),
    );
  }

  close(): void {
    this.db.close();
  }
}
