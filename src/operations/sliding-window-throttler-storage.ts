import type { ThrottlerStorage } from '@nestjs/throttler';

interface Counter {
  /** Start of the current window (ms since the epoch). */
  windowStart: number;
  hits: number;
  previousHits: number;
}

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * The rate limit's counters: a sliding-window counter per token (the current window's
 * hits plus the previous window's, weighted by how much of it still overlaps), O(1) per
 * request. @nestjs/throttler's default storage keeps one timestamp per request and
 * filters the list on every request, which costs more the higher the limit. Counters are
 * kept per token name, a set fixed by configuration, so the map stays small.
 */
export class SlidingWindowThrottlerStorage implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();

  constructor(private readonly now: () => number = Date.now) {}

  increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { windowStart: now, hits: 0, previousHits: 0 };
      this.counters.set(key, counter);
    }
    const windowsPassed = Math.floor((now - counter.windowStart) / ttl);
    if (windowsPassed > 0) {
      counter.previousHits = windowsPassed === 1 ? counter.hits : 0;
      counter.hits = 0;
      counter.windowStart += windowsPassed * ttl;
    }
    const overlap = 1 - (now - counter.windowStart) / ttl;
    const estimate = Math.floor(counter.previousHits * overlap) + counter.hits + 1;
    const isBlocked = estimate > limit;
    if (!isBlocked) counter.hits += 1;
    const timeToExpire = Math.max(1, Math.ceil((counter.windowStart + ttl - now) / 1000));
    return Promise.resolve({
      totalHits: estimate,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? timeToExpire : 0,
    });
  }
}
