import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import type { Position } from '../event-store/position.js';

/**
 * A read model kept by a projection: its tables, and how each batch of events changes them.
 * `applyBatch` runs inside the runner's transaction, with the checkpoint, so a batch's
 * changes and the new checkpoint commit together or not at all.
 */
export interface ProjectionDefinition {
  readonly name: string;
  /** Bump when the schema or the logic changes: the read model is then rebuilt. */
  readonly version: number;
  /** CREATE statements for the projection's own tables (and the indexes writes need). */
  readonly schema: string;
  /**
   * CREATE INDEX statements only queries need. A generation built from zero beside the live
   * one creates them once it is complete (one sort instead of a million random inserts);
   * a serving generation always has them.
   */
  readonly queryIndexes?: string;
  /** Binds prepared statements to a database of this projection. */
  readonly bind: (db: Database.Database, generation?: GenerationInfo) => ProjectionHandler;
}

/** What a handler may know of the generation it writes. */
export interface GenerationInfo {
  /**
   * Whether the generation is being built beside the serving one: nothing reads it until
   * `flush()` and the swap, so a handler may hold writes back meanwhile.
   */
  readonly building: () => boolean;
}

/** Reports that an event changed a read-model row: its key (e.g. a mission id) and position. */
export type ChangeSink = (key: string, position: Position) => void;

export interface ProjectionHandler {
  /**
   * Applies events in commit order. A handler may fold the batch in memory and write each
   * row it touched once, at the end: the whole batch commits in one transaction.
   */
  applyBatch(events: readonly RecordedEvent[], changed: ChangeSink): void;
  /**
   * The transaction of the last batch rolled back: forget whatever is remembered in memory
   * of the rows it wrote (the database is the truth again).
   */
  discard?(): void;
  /**
   * Writes whatever it held back while the generation was being built; called in a
   * transaction before the generation serves.
   */
  flush?(): void;
}

/** A handler for projections that simply write each event's changes as they come. */
export function perEvent(apply: (event: RecordedEvent) => readonly string[]): ProjectionHandler {
  return {
    applyBatch(events, changed) {
      for (const event of events) {
        for (const key of apply(event)) changed(key, event.position);
      }
    },
  };
}

/** What a projection committed: the rows changed and the position that changed them last. */
export interface ReadModelChange {
  readonly projection: string;
  readonly key: string;
  readonly position: string;
}
