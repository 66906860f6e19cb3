import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port.js';
import type { Position } from '../event-store/position.js';
import { upcastRecorded } from '../shared/event-schema/upcast.js';
import { CatchUpWaiters } from '../subscriptions/catch-up-waiters.js';
import type { ProjectionDatabase, ProjectionState } from './projection-database.js';
import type { ProjectionHandler, ReadModelChange } from './projection.js';

/** Events applied per transaction: large enough to make a rebuild cheap. */
const BATCH = 2000;
const NEXT_TURN = Symbol('next turn');

/**
 * Feeds one projection from $all: catch-up reads pages, then a live subscription;
 * events are applied in batches, each batch and its checkpoint in one transaction, so
 * a crash at any point neither loses nor repeats an event. Changes are published only
 * after the commit. An event the projection cannot apply is dead-lettered and the
 * projection stops there ('failed') without touching the others.
 */
export class ProjectionRunner {
  private readonly logger: Logger;
  private readonly handler: ProjectionHandler;
  private readonly waiters: CatchUpWaiters;
  private readonly applyBatch: (events: readonly RecordedEvent[]) => Map<string, string>;
  private current: ProjectionState;
  private lastError: string | undefined;
  private stopped = false;
  private subscription: Subscription | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    readonly database: ProjectionDatabase,
    private readonly publish: (changes: readonly ReadModelChange[]) => void,
  ) {
    this.logger = new Logger(`projection:${database.definition.name}`);
    this.handler = database.definition.bind(database.db);
    this.waiters = new CatchUpWaiters(database.position);
    const failure = database.failure;
    this.current = failure ? 'failed' : 'catching-up';
    this.lastError = failure?.error;
    this.applyBatch = database.db.transaction((events: readonly RecordedEvent[]) => {
      const changed = new Map<string, string>();
      for (const event of events) {
        // Handlers see every event at its current schema version.
        for (const key of this.handler.apply(upcastRecorded(event))) {
          // Re-inserted so the map stays in order of each key's last change.
          changed.delete(key);
          changed.set(key, event.position);
        }
      }
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

  start(): void {
    if (this.current === 'failed' || this.running) return;
    this.stopped = false;
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Clears a failure and tries the failed event again (after a fix). */
  retry(): void {
    if (this.current !== 'failed') return;
    this.database.clearFailure();
    this.current = 'catching-up';
    this.lastError = undefined;
    this.start();
  }

  whenCaughtUp(position: Position, timeoutMs: number): Promise<void> {
    return this.waiters.until(position, timeoutMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.running;
    if (this.current !== 'failed') this.current = 'stopped';
  }

  private async loop(): Promise<void> {
    while (!this.stopped && this.current !== 'failed') {
      try {
        this.current = 'catching-up';
        await this.catchUp();
        if (this.stopped || this.hasFailed()) return;
        this.current = 'live';
        await this.followLive();
      } catch (error) {
        if (this.stopped) return;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.logger.warn(`paused at ${this.position}: ${this.lastError}`);
        await this.subscription?.close().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** A method, not a field test: the state changes across awaits. */
  private hasFailed(): boolean {
    return this.current === 'failed';
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const events: RecordedEvent[] = [];
      for await (const event of this.store.readAll({
        fromPosition: this.position,
        maxCount: BATCH,
      })) {
        events.push(event);
      }
      if (events.length > 0) this.commit(events);
      if (events.length < BATCH || this.stopped || this.hasFailed()) return;
      // Let requests in between batches: a long catch-up or rebuild must not freeze the service.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async followLive(): Promise<void> {
    this.subscription = this.store.subscribeToAll({ fromPosition: this.position });
    const events = this.subscription[Symbol.asyncIterator]();
    let pending = events.next();
    let batch: RecordedEvent[] = [];
    while (!this.stopped && !this.hasFailed()) {
      const next = batch.length === 0 ? await pending : await Promise.race([pending, nextTurn()]);
      if (next === NEXT_TURN) {
        this.commit(batch);
        batch = [];
        continue;
      }
      if (next.done) break;
      batch.push(next.value);
      pending = events.next();
      if (batch.length >= BATCH) {
        this.commit(batch);
        batch = [];
      }
    }
    if (batch.length > 0 && !this.hasFailed()) this.commit(batch);
  }

  private commit(events: readonly RecordedEvent[]): void {
    try {
      this.committed(events[events.length - 1].position, this.applyBatch(events));
    } catch (batchError) {
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
          if (isStorageFault(error)) throw error;
          this.fail(event, error);
          return;
        }
      }
    }
  }

  private committed(position: Position, changed: Map<string, string>): void {
    this.waiters.advance(position);
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

/** The read-model file cannot be written (full, read-only, I/O): retry later, not a bad event. */
function isStorageFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && code.startsWith('SQLITE_') && !code.startsWith('SQLITE_CONSTRAINT')
  );
}

function nextTurn(): Promise<typeof NEXT_TURN> {
  return new Promise((resolve) => setImmediate(() => resolve(NEXT_TURN)));
}
