import { comparePositions, START, type Position } from '../position.js';
import { isTransientStoreError } from './kurrentdb-errors.js';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  sleep,
  type RetryPolicy,
  type Sleep,
} from './retry-policy.js';

/** Anything delivered in log order with a position. */
export interface Positioned {
  readonly position: Position;
}

export interface ResubscribeAttempt {
  /** 1 for the first reopen after a drop; reset once an item is delivered again. */
  readonly attempt: number;
  readonly delayMs: number;
  /** Where the feed reopens: the last position it delivered (exclusive). */
  readonly from: Position;
  /** Why: the transient error, or undefined when the source ended on its own. */
  readonly error: unknown;
}

export interface ResubscribingFeedOptions<T extends Positioned> {
  /** Exclusive; START opens from the beginning. */
  readonly from: Position;
  /** Opens the underlying feed strictly after `from`. */
  readonly open: (from: Position) => AsyncIterable<T>;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: Sleep;
  /** Errors worth reopening for; others end the feed. Default: StoreUnavailableError. */
  readonly isTransient?: (error: unknown) => boolean;
  /** Reopen when the underlying feed ends by itself (a live subscription never should). */
  readonly reopenWhenEnded?: boolean;
  /** Told before each wait, e.g. to log it. */
  readonly onResubscribe?: (attempt: ResubscribeAttempt) => void;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };
const CLOSED = Symbol('closed');

/**
 * A feed that survives drops: it pulls from `open(from)` one item at a time (so the
 * consumer sets the pace), remembers the last position it delivered, and when the
 * source fails transiently it waits (bounded exponential backoff) and reopens strictly
 * after that position, so nothing is delivered twice and nothing is skipped. A
 * non-transient error ends the feed with that error; close() ends a pending pull.
 */
export class ResubscribingFeed<T extends Positioned> implements AsyncIterableIterator<T> {
  private readonly policy: RetryPolicy;
  private readonly sleep: Sleep;
  private readonly isTransient: (error: unknown) => boolean;
  private readonly abort = new AbortController();
  private readonly closedSignal: Promise<typeof CLOSED>;
  private signalClosed: () => void = () => undefined;
  private source: AsyncIterator<T> | undefined;
  /** The last position delivered; undefined until something is, when starting at START. */
  private last: Position | undefined;
  private failures = 0;
  private finished = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ResubscribingFeedOptions<T>) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.sleep = options.sleep ?? sleep;
    this.isTransient = options.isTransient ?? isTransientStoreError;
    this.last = options.from === START ? undefined : options.from;
    this.closedSignal = new Promise((resolve) => {
      this.signalClosed = () => resolve(CLOSED);
    });
  }

  /** The position of the last delivered item, or where the feed started. */
  get position(): Position {
    return this.last ?? START;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Pulls are served one after another, in call order. */
  next(): Promise<IteratorResult<T, undefined>> {
    const result = this.tail.then(() => this.pull());
    this.tail = result.catch(() => undefined);
    return result;
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    await this.close();
    return DONE;
  }

  /** Stops the feed: a pending pull resolves as done and the source is released. */
  async close(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.abort.abort();
    this.signalClosed();
    this.release();
  }

  private async pull(): Promise<IteratorResult<T, undefined>> {
    while (!this.finished) {
      let outcome: IteratorResult<T> | typeof CLOSED;
      try {
        this.source ??= this.options.open(this.position)[Symbol.asyncIterator]();
        outcome = await this.untilClosed(this.source.next());
      } catch (error) {
        this.release();
        if (this.finished) return DONE;
        if (!this.isTransient(error) || this.failures >= this.policy.maxAttempts) {
          this.finished = true;
          throw error;
        }
        await this.backoff(error);
        continue;
      }
      if (outcome === CLOSED || this.finished) return DONE;
      if (outcome.done) {
        this.release();
        if (!this.options.reopenWhenEnded || this.failures >= this.policy.maxAttempts) {
          this.finished = true;
          return DONE;
        }
        await this.backoff(undefined);
        continue;
      }
      const item = outcome.value;
      // A source that replays what was already delivered is skipped past, not repeated.
      if (this.last !== undefined && comparePositions(item.position, this.last) <= 0) continue;
      this.last = item.position;
      this.failures = 0;
      return { done: false, value: item };
    }
    return DONE;
  }

  private async backoff(error: unknown): Promise<void> {
    this.failures += 1;
    const delayMs = backoffDelay(this.policy, this.failures);
    this.options.onResubscribe?.({ attempt: this.failures, delayMs, from: this.position, error });
    await this.untilClosed(this.sleep(delayMs, this.abort.signal));
  }

  /** Settles with the promise, or with CLOSED as soon as close() is called. */
  private untilClosed<R>(promise: Promise<R>): Promise<R | typeof CLOSED> {
    promise.catch(() => undefined);
    return Promise.race([promise, this.closedSignal]);
  }

  /** Lets go of the current source without waiting for it (it may be mid-pull). */
  private release(): void {
    const source = this.source;
    this.source = undefined;
    if (!source?.return) return;
    try {
      void Promise.resolve(source.return()).catch(() => undefined);
    } catch {
      // A source that cannot be released has nothing left to release.
    }
  }
}
