/** The part of Nest's Logger a pause report writes to. */
export interface PauseLogger {
  warn(message: string): void;
}

/** Between two lines about the same pause: a minute. */
const REPEAT_EVERY_MS = 60_000;

/**
 * Says why a reader of the log paused before its retry. A reason that keeps coming back
 * on every retry (a store down for an hour, an event stored damaged) is said at once,
 * then once a minute with how often it came back, rather than on every retry.
 */
export class PauseReports {
  private last: { readonly reason: string; said: number; repeats: number } | undefined;

  constructor(
    private readonly logger: PauseLogger,
    private readonly now: () => number = Date.now,
  ) {}

  paused(at: string, reason: string): void {
    const now = this.now();
    const last = this.last;
    if (last?.reason === reason && now - last.said < REPEAT_EVERY_MS) {
      last.repeats += 1;
      return;
    }
    const again =
      last?.reason === reason
        ? ` (again; ${last.repeats + 1} pauses for this since the last line)`
        : '';
    this.logger.warn(`paused at ${at}: ${reason}${again}`);
    this.last = { reason, said: now, repeats: 0 };
  }
}
