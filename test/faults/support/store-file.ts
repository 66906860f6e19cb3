import Database from 'better-sqlite3';

export interface StoredEvent {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

/** Every event of an embedded store file, read directly (WAL lets this run beside the service). */
export function readStoreFile(file: string): { events: StoredEvent[]; integrity: string } {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const rows = db
      .prepare<
        [],
        {
          position: number;
          stream: string;
          revision: number;
          id: string;
          type: string;
          data: string;
          metadata: string;
        }
      >('SELECT position, stream, revision, id, type, data, metadata FROM events ORDER BY position')
      .all();
    return {
      integrity,
      events: rows.map((r) => ({
        ...r,
        data: JSON.parse(r.data) as Record<string, unknown>,
        metadata: JSON.parse(r.metadata) as Record<string, unknown>,
      })),
    };
  } finally {
    db.close();
  }
}

export function headOfFile(file: string): number {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return (
      db.prepare<[], { p: number | null }>('SELECT MAX(position) AS p FROM events').get()?.p ?? 0
    );
  } finally {
    db.close();
  }
}
