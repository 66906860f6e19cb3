import { comparePositions, type Position } from '../event-store/position.js';

/** Promises that resolve once a subscriber has handled everything up to a position. */
export class CatchUpWaiters {
  private waiting: { position: Position; resolve: () => void }[] = [];

  constructor(private reached: Position) {}

  get position(): Position {
    return this.reached;
  }

  advance(position: Position): void {
    this.reached = position;
    const [done, pending] = partition(
      this.waiting,
      (w) => comparePositions(w.position, position) <= 0,
    );
    this.waiting = pending;
    for (const w of done) w.resolve();
  }

  /** Resolves at once when already reached; rejects after `timeoutMs`. */
  until(position: Position, timeoutMs: number): Promise<void> {
    if (comparePositions(position, this.reached) <= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new CatchUpTimeoutError(position));
      }, timeoutMs);
      timer.unref();
      this.waiting.push(waiter);
    });
  }
}

export class CatchUpTimeoutError extends Error {
  override readonly name = 'CatchUpTimeoutError';
  constructor(readonly position: Position) {
    super(`not caught up to ${position} in time`);
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
