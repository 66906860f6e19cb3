import { problem, ProblemException } from '../http/problem.js';
import { SlidingWindowCounters } from './sliding-window-counters.js';

/**
 * The per-token rate limit: RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW_SECONDS for each token
 * holder, one allowance across all routes (0 turns it off). It counts a request once its
 * caller is known and before its body is read (authorize-before-body), so a body refused
 * as malformed, not JSON or not read by its route counts like any other request.
 */
export class TokenRateLimit {
  private readonly counters: SlidingWindowCounters;
  private readonly windowMs: number;

  constructor(
    private readonly limit: number,
    windowSeconds: number,
    now: () => number = Date.now,
  ) {
    this.counters = new SlidingWindowCounters(now);
    this.windowMs = windowSeconds * 1000;
  }

  /**
   * Counts a request of the token holder `holder`: the X-RateLimit-* headers to answer it
   * with, or a 429 (thrown) when the allowance is used up, carrying them too (none left)
   * beside Retry-After. X-RateLimit-Reset is the whole seconds until the sliding window
   * lets in one more request than X-RateLimit-Remaining says; with none remaining, that is
   * when the next one is let in, the 429's Retry-After.
   */
  take(holder: string): Readonly<Record<string, string>> | undefined {
    if (this.limit === 0) return undefined;
    const count = this.counters.increment(holder, this.windowMs, this.limit);
    if (count.isBlocked) {
      const retryAfter = count.secondsUntilMoreRoom;
      throw new ProblemException(
        problem(
          'tooManyRequests',
          `This token made more than ${this.limit} requests in ${Math.round(this.windowMs / 1000)} s; retry after ${retryAfter} s.`,
        ),
        { ...this.headersSaying(0, retryAfter), 'Retry-After': String(retryAfter) },
      );
    }
    return this.headersSaying(this.limit - count.totalHits, count.secondsUntilMoreRoom);
  }

  private headersSaying(remaining: number, reset: number): Readonly<Record<string, string>> {
    return {
      'X-RateLimit-Limit': String(this.limit),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': String(reset),
    };
  }
}
