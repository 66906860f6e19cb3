import type { ServerResponse } from 'node:http';

/**
 * Whether this node is shutting down, and the requests it still has to finish. Once
 * draining, new requests are answered 503 (the load balancer sends them elsewhere)
 * and /health/ready fails; in-flight ones run to their end.
 */
export class Drain {
  private open = new Set<ServerResponse>();
  private started: Date | undefined;
  private idleWaiters: (() => void)[] = [];

  get draining(): boolean {
    return this.started !== undefined;
  }

  get inFlight(): number {
    return this.open.size;
  }

  begin(): void {
    this.started ??= new Date();
  }

  /**
   * Counts a response as in flight until `release`: until it is sent, or it or its connection
   * closes, as AnswerEnds follows every request (registerOperationsHooks wires the two).
   */
  track(response: ServerResponse): void {
    this.open.add(response);
  }

  release(response: ServerResponse): void {
    if (!this.open.delete(response) || this.open.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Resolves true once nothing is in flight, false if `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.open.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
