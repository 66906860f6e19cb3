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

  /** Counts a response as in flight until its connection is done with it. */
  track(response: ServerResponse): void {
    this.open.add(response);
    const done = () => {
      if (!this.open.delete(response)) return;
      if (this.open.size === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    };
    response.once('finish', done);
    response.once('close', done);
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
