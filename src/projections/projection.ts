import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store/event-store.port.js';

/**
 * A read model kept by a projection: its tables, and how each event changes them.
 * `apply` runs inside the runner's transaction, with the checkpoint, so an event's
 * changes and the new checkpoint commit together or not at all.
 */
export interface ProjectionDefinition {
  readonly name: string;
  /** Bump when the schema or the logic changes: the read model is then rebuilt. */
  readonly version: number;
  /** CREATE statements for the projection's own tables. */
  readonly schema: string;
  /** Binds prepared statements to a database of this projection. */
  readonly bind: (db: Database.Database) => ProjectionHandler;
}

export interface ProjectionHandler {
  /** Applies one event; returns the keys of the read-model rows it changed (e.g. mission ids). */
  apply(event: RecordedEvent): readonly string[];
}

/** What a projection committed: the rows changed and the position that changed them last. */
export interface ReadModelChange {
  readonly projection: string;
  readonly key: string;
  readonly position: string;
}
