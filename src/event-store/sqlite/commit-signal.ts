/** A promise that resolves on the next notify(); each notify() starts a new one. */
export class CommitSignal {
  private resolve!: () => void;
  private promise = this.renew();

  next(): Promise<void> {
    return this.promise;
  }

  notify(): void {
    const resolve = this.resolve;
    this.promise = this.renew();
    resolve();
  }

  private renew(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolve = resolve;
    });
  }
}
