/** Bounded exponential backoff between attempts to reopen a dropped feed. */
export interface RetryPolicy {
  /** The wait before the first reopen. */
  readonly initialDelayMs: number;
  /** No wait is longer than this. */
  readonly maxDelayMs: number;
  /** Each consecutive failure multiplies the wait by this. */
  readonly factor: number;
  /** Consecutive failed reopens before the feed gives up with the last error. */
  readonly maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  factor: 2,
  maxAttempts: Number.POSITIVE_INFINITY,
};

/** The wait before reopen number `attempt` (1 for the first after a drop). */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const delay = policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1);
  return Math.min(policy.maxDelayMs, delay);
}

/** Waits `ms`, or less when `signal` aborts. Injectable so tests need no timers. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
