import { existsSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { isPosition, START, type Position } from '../event-store/position.js';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import type { ProjectionDefinition } from './projection.js';

export type ProjectionState = 'catching-up' | 'live' | 'failed' | 'stopped';

interface StateRow {
  position: string;
  version: number;
  failed_position: string | null;
  last_error: string | null;
}

/**
 * How a generation's file is written: `serving` queries; `building` from zero beside the
 * serving one (nothing reads it); `filling` from zero as the only generation there is (a first
 * start, or a new version of the projection), so queries read what it has so far.
 */
export type GenerationMode = 'serving' | 'building' | 'filling';

/** The marker beside a file written unsynced until it serves. */
const UNFINISHED = '.unfinished';

/**
 * Bytes per page of a new read-model file. A rebuild writes about 300 MB of timeline and
 * SQLite writes a page per call: 16 KiB pages took a rebuild of 1,000,000 events from 13 s
 * to 9.3 s here (4 KiB is SQLite's default; 64 KiB did no better).
 */
const PAGE_SIZE = 16_384;

/** SQLite's default (in pages). */
const SERVING_WAL_PAGES = 1000;

/**
 * One SQLite file holding one projection's read model, its checkpoint and its
 * dead letters. Disposable: deleting it rebuilds it from the event store.
 *
 * A generation being built beside the serving one is thrown away if the process stops
 * before it is swapped in, and nothing reads it but its runner, so while building it skips
 * what only durability, concurrent readers and queries need: no sync to disk, the rollback
 * journal in memory instead of a WAL, and no query indexes until `serve()` creates them
 * once and turns it into a serving file. A generation `filling` (the only one there is, built
 * from zero) is written the same way but with its query indexes, since queries read it.
 * Until it serves, an unsynced file carries a marker beside it (`<file>.unfinished`): a
 * process stopped meanwhile may have left it inconsistent, and the next start discards it.
 */
export class ProjectionDatabase {
  readonly db: Database.Database;
  private readonly saveCheckpoint: Database.Statement<[string]>;
  private currentMode: GenerationMode;

  constructor(
    readonly file: string,
    readonly definition: ProjectionDefinition,
    mode: GenerationMode = 'serving',
  ) {
    this.currentMode = mode;
    if (mode !== 'serving') writeFileSync(unfinishedMarker(file), '');
    this.db = new Database(file);
    try {
      this.saveCheckpoint = this.setUp(mode);
    } catch (error) {
      // A file SQLite cannot read (see isDamaged) is not left open behind a thrown constructor.
      this.db.close();
      throw error;
    }
  }

  private setUp(mode: GenerationMode): Database.Statement<[string]> {
    const { definition } = this;
    // This connection is the only one ever open on the file (the service reads its read models
    // through it, and the instance lock keeps other processes off DATA_DIR): holding the lock
    // spares every query and commit SQLite's shared-memory locking.
    this.db.pragma('locking_mode = EXCLUSIVE');
    // Only a new file takes it (before its first table): an existing one keeps its size.
    this.db.pragma(`page_size = ${PAGE_SIZE}`);
    this.db.pragma('cache_size = -32000');
    if (mode !== 'serving') {
      // Thrown away unless it serves: no WAL, the rollback journal in memory, no syncing.
      this.db.pragma('journal_mode = MEMORY');
      this.db.pragma('synchronous = OFF');
    } else {
      this.db.pragma('journal_mode = WAL');
      this.servingSettings();
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS projection_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        position TEXT NOT NULL,
        version INTEGER NOT NULL,
        failed_position TEXT,
        last_error TEXT
      );
      CREATE TABLE IF NOT EXISTS dead_letters (
        position TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        stream TEXT NOT NULL,
        type TEXT NOT NULL,
        error TEXT NOT NULL,
        failed_at TEXT NOT NULL
      );`);
    this.db
      .prepare('INSERT OR IGNORE INTO projection_state (id, position, version) VALUES (1, ?, ?)')
      .run(START, definition.version);
    // A file of another version is about to be discarded: its tables are left as they are.
    if (this.version === definition.version) {
      this.db.exec(definition.schema);
      if (mode !== 'building' && definition.queryIndexes) this.db.exec(definition.queryIndexes);
    }
    return this.db.prepare('UPDATE projection_state SET position = ? WHERE id = 1');
  }

  /** Whether opening a read-model file failed because SQLite cannot read it as a database. */
  static isDamaged(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
  }

  get mode(): GenerationMode {
    return this.currentMode;
  }

  /** What the files beside a read-model file end with: SQLite's WAL and shared memory, the marker. */
  static readonly companionSuffixes: readonly string[] = ['-wal', '-shm', UNFINISHED];

  /** Deletes a read-model file and the files beside it. */
  static remove(file: string): void {
    for (const suffix of ['', ...ProjectionDatabase.companionSuffixes]) {
      rmSync(`${file}${suffix}`, { force: true });
    }
  }

  /** Whether the file was left unsynced by a process that stopped before it served. */
  static unfinished(file: string): boolean {
    return existsSync(unfinishedMarker(file));
  }

  /**
   * Makes a generation built from zero ready to serve: creates the query indexes and restores
   * the serving settings. Nothing was synced while building: the commit here syncs the whole
   * file (synchronous FULL), so a generation survives a power cut from the moment it serves.
   */
  serve(): void {
    if (this.currentMode === 'serving') return;
    this.db.pragma('synchronous = FULL');
    this.db.transaction(() => {
      if (this.definition.queryIndexes) this.db.exec(this.definition.queryIndexes);
      this.db.prepare('UPDATE projection_state SET version = version WHERE id = 1').run();
    })();
    this.db.pragma('journal_mode = WAL');
    this.servingSettings();
    this.currentMode = 'serving';
    rmSync(unfinishedMarker(this.file), { force: true });
  }

  private servingSettings(): void {
    // A read model can always be rebuilt: a commit need not wait for the disk (only
    // checkpoints sync, so the file itself survives a power cut).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`wal_autocheckpoint = ${SERVING_WAL_PAGES}`);
  }

  private state(): StateRow {
    return this.db
      .prepare('SELECT position, version, failed_position, last_error FROM projection_state')
      .get() as StateRow;
  }

  get position(): Position {
    const position = this.state().position;
    return isPosition(position) ? position : START;
  }

  get version(): number {
    return this.state().version;
  }

  get failure(): { position: Position; error: string } | undefined {
    const { failed_position, last_error } = this.state();
    if (failed_position === null || !isPosition(failed_position)) return undefined;
    return { position: failed_position, error: last_error ?? 'unknown error' };
  }

  checkpoint(position: Position): void {
    this.saveCheckpoint.run(position);
  }

  /** Records the event the projection could not apply; the projection stops before it. */
  deadLetter(event: RecordedEvent, error: unknown): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT OR REPLACE INTO dead_letters (position, event_id, stream, type, error, failed_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(event.position, event.id, event.stream, event.type, message, new Date().toISOString());
      this.db
        .prepare('UPDATE projection_state SET failed_position = ?, last_error = ? WHERE id = 1')
        .run(event.position, message);
    })();
  }

  clearFailure(): void {
    this.db
      .prepare('UPDATE projection_state SET failed_position = NULL, last_error = NULL WHERE id = 1')
      .run();
  }

  deadLetters(): {
    position: string;
    eventId: string;
    stream: string;
    type: string;
    error: string;
    failedAt: string;
  }[] {
    return (
      this.db
        .prepare(
          'SELECT position, event_id, stream, type, error, failed_at FROM dead_letters ORDER BY position',
        )
        .all() as {
        position: string;
        event_id: string;
        stream: string;
        type: string;
        error: string;
        failed_at: string;
      }[]
    ).map((r) => ({
      position: r.position,
      eventId: r.event_id,
      stream: r.stream,
      type: r.type,
      error: r.error,
      failedAt: r.failed_at,
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function unfinishedMarker(file: string): string {
  return `${file}${UNFINISHED}`;
}
