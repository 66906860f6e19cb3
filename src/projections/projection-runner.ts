import { Logger } from '@nestjs/common';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import { comparePositions, START, type Position } from '../event-store/position.js';
import { CatchUpWaiters } from '../subscriptions/catch-up-waiters.js';
import type { ProjectionDatabase, ProjectionState } from './projection-database.js';
import type { ProjectionHandler, ReadModelChange } from './projection.js';

/**
 * Keeps one projection's read model from the batches a ProjectionFeed hands it: each batch
 * and its checkpoint commit in one transaction, so a crash at any point neither loses nor
 * repeats an event; events at or before the checkpoint are skipped. Changes are published
 * only after the commit. An event the projection cannot apply is dead-lettered and the
 * projection stops there ('failed') without touching the others.
 */
export class ProjectionRunner {
  private readonly logger: Logger;
  private readonly handler: ProjectionHandler;
  private readonly waiters: CatchUpWaiters;
  private readonly applyBatch: (events: readonly RecordedEvent[]) => Map<string, Position>;
  private current: ProjectionState;
  private lastError: string | undefined;
  /** Why the feed is paused before its next event (retried every second), while it is. */
  private pauseReason: string | undefined;

  constructor(
    readonly database: ProjectionDatabase,
    private readonly publish: (changes: readonly ReadModelChange[]) => void,
    /**
     * It publishes only the changes after this position; nothing while it is null (a
     * generation being built, until `publishAfter` when it is swapped in).
     */
    private publishesAfter: Position | null = START,
  ) {
    this.logger = new Logger(`projection:${database.definition.name}`);
    this.handler = database.definition.bind(database.db, {
      building: () => database.mode === 'building',
    });
    this.waiters = new CatchUpWaiters(database.position);
    const failure = database.failure;
    this.current = failure ? 'failed' : 'catching-up';
    this.lastError = failure?.error;
    this.applyBatch = database.db.transaction((events: readonly RecordedEvent[]) => {
      const changed = new Map<string, Position>();
      const after = this.publishesAfter;
      this.handler.applyBatch(
        events,
        after === null
          ? ignoreChange
          : (key, position) => {
              // A serving runner publishes everything (START): no comparison per change.
              if (after !== START && comparePositions(position, after) <= 0) return;
              // Re-inserted so the map stays in order of each key's last change.
              changed.delete(key);
              changed.set(key, position);
            },
      );
      database.checkpoint(events[events.length - 1].position);
      return changed;
    });
  }

  get name(): string {
    return this.database.definition.name;
  }

  get position(): Position {
    return this.waiters.position;
  }

  get state(): ProjectionState {
    return this.current;
  }

  get error(): string | undefined {
    return this.lastError;
  }

  get pausedBy(): string | undefined {
    return this.pauseReason;
  }

  /** Set by the feed when reading the log failed before the next event (it retries). */
  pause(reason: string): void {
    this.pauseReason = reason;
  }

  /** Whether it takes events: neither failed nor stopped. */
  get following(): boolean {
    return this.current === 'catching-up' || this.current === 'live';
  }

  /** Set by the feed: reading pages of the log, or following it as it is written. */
  follow(state: 'catching-up' | 'live'): void {
    if (this.current !== 'failed') this.current = state;
    if (state === 'live') this.pauseReason = undefined;
  }

  /** The feed no longer hands it events. */
  halt(): void {
    if (this.current !== 'failed') this.current = 'stopped';
  }

  /** Clears a failure so that the failed event is tried again (after a fix). */
  clearFailure(): boolean {
    if (this.current !== 'failed') return false;
    this.database.clearFailure();
    this.current = 'catching-up';
    this.lastError = undefined;
    return true;
  }

  /**
   * Makes its generation serve: first what the handler held back while building is written
   * (one transaction), then the database takes its serving settings and query indexes.
   */
  serve(): void {
    if (this.handler.flush) this.database.db.transaction(() => this.handler.flush?.())();
    this.database.serve();
  }

  /**
   * From now on it publishes the changes after `position` (what the generation it replaces
   * has published), and only those.
   */
  publishAfter(position: Position): void {
    this.publishesAfter = position;
  }

  whenCaughtUp(position: Position, timeoutMs: number): Promise<void> {
    return this.waiters.until(position, timeoutMs);
  }

  /**
   * Applies the events after its checkpoint (events come in commit order). Throws only when
   * the read-model file cannot be written: nothing of the batch is kept, try again later.
   */
  apply(events: readonly RecordedEvent[]): void {
    if (!this.following) return;
    const fresh = after(events, this.position);
    if (fresh.length > 0) {
      this.commit(fresh);
      this.pauseReason = undefined;
    }
  }

  private commit(events: readonly RecordedEvent[]): void {
    try {
      this.committed(events[events.length - 1].position, this.applyBatch(events));
    } catch (batchError) {
      this.handler.discard?.();
      if (isStorageFault(batchError)) throw batchError;
      if (events.length === 1) {
        this.fail(events[0], batchError);
        return;
      }
      // Find the event that fails: everything before it commits, it is dead-lettered.
      for (const event of events) {
        try {
          this.committed(event.position, this.applyBatch([event]));
        } catch (error) {
          this.handler.discard?.();
          if (isStorageFault(error)) throw error;
          this.fail(event, error);
          return;
        }
      }
    }
  }

  private committed(position: Position, changed: Map<string, Position>): void {
    this.waiters.advance(position);
    if (changed.size === 0) return;
    const projection = this.name;
    this.publish([...changed].map(([key, at]) => ({ projection, key, position: at })));
  }

  private fail(event: RecordedEvent, error: unknown): void {
    this.database.deadLetter(event, error);
    this.current = 'failed';
    this.lastError = error instanceof Error ? error.message : String(error);
    this.logger.error(
      `stopped at ${event.position}: ${event.type} in ${event.stream} failed: ${this.lastError}`,
    );
  }
}

function ignoreChange(): void {}

/** The events strictly after `position` (they come in position order). */
function after(events: readonly RecordedEvent[], position: Position): readonly RecordedEvent[] {
  if (events.length === 0 || events[0].position > position) return events;
  const first = events.findIndex((event) => event.position > position);
  return first < 0 ? [] : events.slice(first);
}

/** The read-model file cannot be written (full, read-only, I/O): retry later, not a bad event. */
function isStorageFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && code.startsWith('SQLITE_') && !code.startsWith('SQLITE_CONSTRAINT')
  );
}
