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
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One append is larger than the store takes (KurrentDB's MaxAppendSize, 1 MiB by default). */
export class AppendTooLargeError extends Error {
  override readonly name = 'AppendTooLargeError';
  constructor(
    readonly stream: string,
    readonly maxBytes: number,
  ) {
    super(
      `the events for ${stream} are larger than the event store takes in one append (${maxBytes} bytes)`,
    );
  }
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
