interface Counter {
  /** Start of the current window (ms since the epoch). */
  windowStart: number;
  hits: number;
  previousHits: number;
}

export interface WindowCount {
  /** Requests counted in the sliding window, this one included. */
  readonly totalHits: number;
  /** Over the limit: this request is refused, and not counted. */
  readonly isBlocked: boolean;
  /**
   * Whole seconds until the sliding window has room for one more request of the same key
   * than it has now: when there is none left (blocked, or this request took the last),
   * until a request of the same key would be let in.
   */
  readonly secondsUntilMoreRoom: number;
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
    // previousHits × overlap, in whole milliseconds so that its floor is exact.
    const overlapMs = counter.windowStart + windowMs - now;
    const estimate = Math.floor((counter.previousHits * overlapMs) / windowMs) + counter.hits + 1;
    const isBlocked = estimate > limit;
    if (!isBlocked) counter.hits += 1;
    // Room for one more request than now: the weighted count one below where it stands
    // (this request counted), or below the limit when it is there or over it.
    const roomTarget = Math.min(estimate, limit) - 1;
    const secondsUntilMoreRoom = secondsUntilLoadAtMost(roomTarget, counter, windowMs, now);
    return { totalHits: estimate, isBlocked, secondsUntilMoreRoom };
  }
}

/**
 * The first whole second after which the weighted count `floor(previousHits × overlap) + hits`
 * is at most `target`. While this window's own hits are within it, that is when the previous
 * window's weight has slid down far enough; once they exceed it, it is in the next window,
 * where this window's hits weigh as the previous ones. The moment itself does not count yet
 * (the weighted count is still `target + 1` there), hence one second past the floor.
 */
function secondsUntilLoadAtMost(
  target: number,
  counter: Counter,
  windowMs: number,
  now: number,
): number {
  const { windowStart, hits, previousHits } = counter;
  const windowEndsIn = windowStart + windowMs - now;
  const dropsIn =
    hits <= target
      ? windowEndsIn - ((target - hits + 1) * windowMs) / previousHits
      : windowEndsIn + windowMs - ((target + 1) * windowMs) / hits;
  return Math.floor(dropsIn / 1000) + 1;
}
