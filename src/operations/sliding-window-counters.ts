interface Counter {
  /** Start of the current window (ms since the epoch). */
  windowStart: number;
  hits: number;
  previousHits: number;
}

export interface WindowCount {
  /** Requests counted in the sliding window, this one included. */
  readonly totalHits: number;
  /** Seconds until the current window ends. */
  readonly timeToExpire: number;
  /** Over the limit: this request is refused, and not counted. */
  readonly isBlocked: boolean;
  /** When blocked: whole seconds until a request of the same key would be let in. */
  readonly retryAfter: number;
}

/**
 * The rate limit's counters: a sliding-window counter per key (the current window's hits
 * plus the previous window's, weighted by how much of it still overlaps), O(1) per request,
 * where a list of timestamps per key would be filtered on every request and cost more the
 * higher the limit. Keys are token names, a set fixed by configuration, so the map stays
 * small.
 */
export class SlidingWindowCounters {
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts a request of `key` in windows of `windowMs`, unless it would go over `limit`. */
  increment(key: string, windowMs: number, limit: number): WindowCount {
    const now = this.now();
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { windowStart: now, hits: 0, previousHits: 0 };
      this.counters.set(key, counter);
    }
    const windowsPassed = Math.floor((now - counter.windowStart) / windowMs);
    if (windowsPassed > 0) {
      counter.previousHits = windowsPassed === 1 ? counter.hits : 0;
      counter.hits = 0;
      counter.windowStart += windowsPassed * windowMs;
    }
    const overlap = 1 - (now - counter.windowStart) / windowMs;
    const estimate = Math.floor(counter.previousHits * overlap) + counter.hits + 1;
    const isBlocked = estimate > limit;
    if (!isBlocked) counter.hits += 1;
    const timeToExpire = Math.max(1, Math.ceil((counter.windowStart + windowMs - now) / 1000));
    const retryAfter = isBlocked ? secondsUntilLetIn(counter, windowMs, limit, now) : 0;
    return { totalHits: estimate, timeToExpire, isBlocked, retryAfter };
  }
}

/**
 * The first whole second after which `floor(previousHits × overlap) + hits + 1 <= limit`.
 * While this window's own hits leave room, that is when the previous window's weight has
 * slid down far enough; once they fill the allowance, it is in the next window, where this
 * window's hits weigh as the previous ones. The boundary itself is still blocked (the
 * weighted count equals the limit there), hence one second past the floor.
 */
function secondsUntilLetIn(counter: Counter, windowMs: number, limit: number, now: number): number {
  const letInAt =
    counter.hits < limit
      ? counter.windowStart + windowMs * (1 - (limit - counter.hits) / counter.previousHits)
      : counter.windowStart + windowMs * (2 - limit / counter.hits);
  return Math.floor((letInAt - now) / 1000) + 1;
}
