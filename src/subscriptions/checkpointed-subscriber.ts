import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port.js';
import { START, type Position } from '../event-store/position.js';
import { CatchUpWaiters } from './catch-up-waiters.js';
import { PauseReports } from './pause-reports.js';

const IGNORED_PER_CHECKPOINT = 1000;

export interface SubscriberOptions {
  readonly name: string;
  /**
   * Handles one event, returning false for an event it ignores; throwing makes the
   * subscriber retry it after a pause. Every event passes by, so the subscriber's
   * position always says how far in $all it has looked.
   */
  readonly handle: (event: RecordedEvent) => Promise<boolean>;
  readonly loadCheckpoint: () => Position | undefined;
  readonly saveCheckpoint: (position: Position) => void;
  readonly retryDelayMs?: number;
}

/**
 * Runs one $all subscription from a stored checkpoint: each event is handled, then its
 * position saved, so a restart resumes after the last handled event. A failure pauses
 * and resubscribes from the checkpoint, so no event is skipped.
 */
export class CheckpointedSubscriber {
  private readonly pauses: PauseReports;
  private readonly waiters: CatchUpWaiters;
  private subscription: Subscription | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly options: SubscriberOptions,
  ) {
    this.pauses = new PauseReports(new Logger(options.name));
    this.waiters = new CatchUpWaiters(options.loadCheckpoint() ?? START);
  }

  get position(): Position {
    return this.waiters.position;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Resolves once every event up to `position` has been handled. */
  whenCaughtUp(position: Position, timeoutMs = 10_000): Promise<void> {
    return this.waiters.until(position, timeoutMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        this.subscription = this.store.subscribeToAll({ fromPosition: this.waiters.position });
        let ignored = 0;
        for await (const event of this.subscription) {
          const handled = await this.options.handle(event);
          ignored = handled ? 0 : ignored + 1;
          // Ignored events need no checkpoint each: at worst a restart looks at them again.
          if (handled || ignored >= IGNORED_PER_CHECKPOINT) {
            this.options.saveCheckpoint(event.position);
            ignored = 0;
          }
          this.waiters.advance(event.position);
          if (this.stopped) break;
        }
      } catch (error) {
        if (this.stopped) break;
        this.pauses.paused(
          this.waiters.position,
          error instanceof Error ? error.message : String(error),
        );
        await this.subscription?.close().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1000));
      }
    }
  }
}
