import { Logger } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '../event-store/event-store.port.js';
import { START, type Position } from '../event-store/position.js';
import { upcastRecorded } from '../event-store/event-schema/upcast.js';
import { PauseReports } from '../subscriptions/pause-reports.js';
import type { ProjectionRunner } from './projection-runner.js';

/**
 * Events read per page and applied per transaction. Measured on a rebuild: 1,000 (the
 * embedded store's page) beats 500 (more rows written per event) and 2,000 (a batch alive
 * across garbage collections costs more than folding more events saves).
 */
const BATCH = 1000;
/** How long to wait before reading again after the store or a read-model file failed. */
const PAUSE_MS = 1000;
/**
 * Microtask turns a subscription gets to hand over an event it already holds before the
 * events taken so far are committed (it needs about three per event).
 */
const HANDOVER_TURNS = 16;
const DRAINED = Symbol('drained');

/**
 * Reads $all once for several projections: pages of the log from the lowest checkpoint
 * among them, then a live subscription, each batch handed to every runner (which skips
 * what it already has). Live, the events taken are committed as soon as the subscription
 * has nothing more at hand, in the same event-loop turn the store committed them in.
 * A failed runner is left out; when one is retried or added, the feed reads again from
 * the lowest checkpoint.
 */
export class ProjectionFeed {
  private readonly pauses = new PauseReports(new Logger('projection-feed'));
  private readonly members: ProjectionRunner[];
  private stopped = true;
  private resync = false;
  private running: Promise<void> | undefined;
  private subscription: Subscription | undefined;
  private wake: () => void = () => undefined;

  constructor(
    private readonly store: EventStore,
    runners: readonly ProjectionRunner[],
  ) {
    this.members = [...runners];
  }

  get runners(): readonly ProjectionRunner[] {
    return this.members;
  }

  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Stops reading; every runner still following is 'stopped'. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.subscription?.close();
    await this.running;
    for (const runner of this.members) runner.halt();
  }

  /** Feeds one more runner (from its own checkpoint). */
  add(runner: ProjectionRunner): void {
    this.members.push(runner);
    runner.follow('catching-up');
    this.readAgain();
  }

  /** Stops feeding a runner; it is 'stopped'. */
  remove(runner: ProjectionRunner): void {
    const index = this.members.indexOf(runner);
    if (index >= 0) this.members.splice(index, 1);
    runner.halt();
  }

  /** Tries a failed runner's failed event again (after a fix); false when it had not failed. */
  retry(runner: ProjectionRunner): boolean {
    if (!runner.clearFailure()) return false;
    this.readAgain();
    return true;
  }

  /** Reads again from the lowest checkpoint (a runner behind the others joined). */
  private readAgain(): void {
    this.resync = true;
    this.wake();
    void this.subscription?.close().catch(() => undefined);
  }

  private following(): ProjectionRunner[] {
    return this.members.filter((runner) => runner.following);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      if (this.following().length === 0) {
        // Every runner failed (or none yet): wait for a retry or a new one.
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      try {
        this.resync = false;
        this.mark('catching-up');
        await this.catchUp();
        if (this.stopped || this.resync) continue;
        this.mark('live');
        await this.followLive();
      } catch (error) {
        if (this.stopped) return;
        const message = error instanceof Error ? error.message : String(error);
        this.pauses.paused(this.from(), message);
        for (const runner of this.following()) runner.pause(message);
        await this.subscription?.close().catch(() => undefined);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, PAUSE_MS);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private mark(state: 'catching-up' | 'live'): void {
    for (const runner of this.following()) runner.follow(state);
  }

  /** The lowest checkpoint of the runners it feeds. */
  private from(): Position {
    const positions = this.following().map((runner) => runner.position);
    return positions.length === 0 ? START : positions.reduce((a, b) => (b < a ? b : a));
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const events: RecordedEvent[] = [];
      try {
        for await (const event of this.store.readAll({
          fromPosition: this.from(),
          maxCount: BATCH,
        })) {
          events.push(event);
        }
      } finally {
        // Also when the read fails at an event (one stored damaged): those before it are
        // applied, so the projections pause at it, not at the page it is in.
        if (events.length > 0) this.dispatch(events);
      }
      if (events.length < BATCH || this.stopped || this.resync) return;
      if (this.following().length === 0) return;
      // Let requests in between batches: a long catch-up or rebuild must not freeze the service.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async followLive(): Promise<void> {
    const subscription = this.store.subscribeToAll({ fromPosition: this.from() });
    this.subscription = subscription;
    const events = subscription[Symbol.asyncIterator]();
    let pending = events.next();
    try {
      let batch: RecordedEvent[] = [];
      while (!this.stopped && !this.resync && this.following().length > 0) {
        const next =
          batch.length === 0 ? await pending : await Promise.race([pending, handedOver()]);
        if (next === DRAINED) {
          this.dispatch(batch);
          batch = [];
          continue;
        }
        if (next.done) break;
        batch.push(next.value);
        pending = events.next();
        if (batch.length >= BATCH) {
          this.dispatch(batch);
          batch = [];
          // A backlog: let requests in between batches.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (batch.length > 0) this.dispatch(batch);
    } finally {
      // A pull left waiting ends with the subscription; its failure is nobody's business now.
      pending.catch(() => undefined);
      await subscription.close().catch(() => undefined);
      if (this.subscription === subscription) this.subscription = undefined;
    }
  }

  /** Hands the batch, at its current schema versions, to every runner still following. */
  private dispatch(events: readonly RecordedEvent[]): void {
    const current = events.map(upcastRecorded);
    for (const runner of this.following()) runner.apply(current);
  }
}

/** Resolves once a subscription holding further events has had the turns to hand one over. */
function handedOver(): Promise<typeof DRAINED> {
  let turn: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < HANDOVER_TURNS; i += 1) turn = turn.then();
  return turn.then(() => DRAINED);
}
