export type Outcome<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: items enqueued during one event-loop turn are committed together in
 * the next turn, in one transaction and so one fsync. The commit function reports an
 * outcome per item, so one refused item never fails its neighbours; if the commit
 * itself throws, nothing was written and every item in it is rejected.
 */
export class GroupCommitQueue<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private scheduled = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(
    private readonly commit: (batch: readonly T[]) => readonly Outcome<R>[],
    private readonly mapFailure: (error: unknown) => unknown,
    private readonly maxBatch = 2000,
  ) {}

  enqueue(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything enqueued so far has been committed or refused. */
  drain(): Promise<void> {
    return this.idle;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.idle = new Promise<void>((resolve) => {
      this.markIdle = resolve;
    });
    setImmediate(() => this.flush());
  }

  private flush(): void {
    const batch = this.waiting.splice(0, this.maxBatch);
    this.scheduled = false;
    try {
      const outcomes = this.commit(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        const outcome = outcomes[i];
        if (outcome.ok) w.resolve(outcome.value);
        else w.reject(outcome.error);
      });
    } catch (error) {
      const failure = this.mapFailure(error);
      for (const w of batch) w.reject(failure);
    }
    if (this.waiting.length > 0) this.schedule();
    else this.markIdle();
  }
}
