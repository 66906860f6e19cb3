import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { onConnectionClose } from './connection-close.js';

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
   * Counts a response as in flight until its connection is done with it: it is sent, or it
   * or its connection closes (a pipelined response waiting behind another hears nothing else).
   */
  track(response: ServerResponse, socket: Socket | null): void {
    this.open.add(response);
    const done = () => {
      cancel();
      if (!this.open.delete(response)) return;
      if (this.open.size === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    };
    const cancel = onConnectionClose(socket, done);
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
