import type { ExpectedRevision } from './event-store.port.js';

/** The stream's revision is not the one the caller decided against. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no-stream' when it does not exist. */
    readonly actual: number | 'no-stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

export class StreamNotFoundError extends Error {
  override readonly name = 'StreamNotFoundError';
  constructor(readonly stream: string) {
    super(`stream ${stream} not found`);
  }
}

/** The store cannot be reached or cannot write now; the caller may retry later. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  /**
   * True for an append the store may have written though it did not say so (KurrentDB timed
   * out or dropped the call after it was sent): "nothing was changed" cannot be promised.
   */
  readonly outcomeUnknown: boolean;
  constructor(message: string, options?: { cause?: unknown; outcomeUnknown?: boolean }) {
    super(message, options);
    this.outcomeUnknown = options?.outcomeUnknown ?? false;
  }
}

/**
 * One append, or one event in it, is larger than the store takes (KurrentDB's
 * MaxAppendSize, 1 MiB by default, or its per-event MaxAppendEventSize).
 */
export class AppendTooLargeError extends Error {
  override readonly name = 'AppendTooLargeError';
  constructor(
    readonly stream: string,
    /** The limit in bytes; undefined when the store did not say it. */
    readonly maxBytes: number | undefined,
  ) {
    super(
      `the events for ${stream} are larger than the event store takes in one append (${describeLimit(maxBytes)})`,
    );
  }
}

/** "1048576 bytes", or words for a limit the store did not name. */
export function describeLimit(maxBytes: number | undefined): string {
  return maxBytes === undefined ? 'an event over its size limit' : `${maxBytes} bytes`;
}

/** An event id that is already stored in another stream, or a batch that only partly repeats one. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`event ${eventId} is already stored and does not match this append to ${stream}`);
  }
}

/**
 * A stored event whose data or metadata cannot be read back (not JSON): it was damaged
 * after it was recorded (a disk fault, a hand edit). Waiting will not help; an operator
 * finds every such event with the chain's verify and restores from a backup.
 */
export class DamagedEventError extends Error {
  override readonly name = 'DamagedEventError';
  constructor(
    readonly stream: string,
    readonly revision: number,
    readonly position: string,
    readonly why: string,
  ) {
    super(
      `the stored event ${stream} revision ${revision} (position ${position}) cannot be read: ${why}`,
    );
  }
}
