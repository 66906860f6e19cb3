import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError as ClientStreamNotFoundError,
  StreamTombstonedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  type CurrentStreamState,
} from '@kurrent/kurrentdb-client';
import {
  AppendTooLargeError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store.errors.js';
import type { ExpectedRevision } from '../event-store.port.js';
import { fromStreamState } from './kurrentdb-expected-revision.js';
import { eventSizeLimit } from './kurrentdb-event-too-large.js';
import { isNotReadyMessage } from './kurrentdb-not-ready.js';

/** gRPC status codes that mean "the server is not there now", whatever wraps them. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
const TRANSIENT_GRPC_CODES: ReadonlySet<number> = new Set([
  GRPC_DEADLINE_EXCEEDED,
  GRPC_UNAVAILABLE,
]);

/**
 * The client's error `type` tags for the same conditions (a follower's `not-leader` apart:
 * see isUnreachable). `cancelled` is the server cancelling its streaming calls as it shuts
 * down or fails over (the client reconnects on it too); the client swallows the cancel of our
 * own unsubscribe.
 */
const TRANSIENT_CLIENT_TYPES: ReadonlySet<string> = new Set([
  'unavailable',
  'deadline-exceeded',
  'timeout',
  'cancelled',
]);

/** What the failed call was about, so our errors can name it. */
export interface KurrentDbErrorContext {
  readonly stream?: string;
  readonly expected?: ExpectedRevision;
}

/**
 * Translates a client failure into the port's errors: a revision conflict, a missing (or
 * deleted) stream, an append over the server's size limit, or a store that cannot be reached
 * or does not let this user in. Anything else is returned unchanged.
 */
export function fromKurrentDbError(error: unknown, context: KurrentDbErrorContext = {}): unknown {
  if (
    error instanceof WrongExpectedRevisionError ||
    error instanceof StreamNotFoundError ||
    error instanceof StoreUnavailableError
  ) {
    return error;
  }
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(
      context.stream ?? error.streamName,
      context.expected ?? fromStreamState(error.expectedState),
      toActualRevision(error.actualState),
    );
  }
  if (error instanceof ClientStreamNotFoundError || error instanceof StreamDeletedError) {
    return new StreamNotFoundError(context.stream ?? error.streamName);
  }
  if (error instanceof StreamTombstonedError) {
    return new StreamNotFoundError(context.stream ?? error.stream);
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new AppendTooLargeError(context.stream ?? '(a stream)', error.maxAppendSize);
  }
  const eventTooLarge = eventSizeLimit(error);
  if (eventTooLarge) {
    return new AppendTooLargeError(context.stream ?? '(a stream)', eventTooLarge.maxBytes);
  }
  if (error instanceof AccessDeniedError) {
    return new StoreUnavailableError(
      'KurrentDB denied access: the connection string needs a user (user:password@) who may write streams and read $all',
      { cause: error },
    );
  }
  if (isUnreachable(error)) {
    return new StoreUnavailableError(`KurrentDB unavailable: ${explain(error)}`, { cause: error });
  }
  return error;
}

/**
 * Whether a failed call may have reached the server and been done there, unanswered: a
 * deadline, a cancel or a broken connection after it was sent (not a refusal: a follower that
 * is no leader, a server not ready, a denied user).
 */
export function mayHaveBeenDone(error: unknown): boolean {
  if (
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof UnavailableError
  ) {
    return true;
  }
  if (typeof error !== 'object' || error === null || error instanceof NotLeaderError) return false;
  const { code, type } = error as { code?: unknown; type?: unknown };
  return (
    (typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code)) ||
    (typeof type === 'string' && TRANSIENT_CLIENT_TYPES.has(type))
  );
}

/** Whether a feed may retry after this (already translated) error. */
export function isTransientStoreError(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError;
}

function toActualRevision(state: CurrentStreamState): number | 'no-stream' {
  // Deleted and tombstoned streams are reported with negative revisions.
  if (typeof state !== 'bigint' || state < 0n) return 'no-stream';
  return Number(state);
}

/** The server not there now: a call that may have been done unanswered, or one it refused unhandled. */
function isUnreachable(error: unknown): boolean {
  return (
    mayHaveBeenDone(error) ||
    error instanceof NotLeaderError ||
    isNotReadyMessage(error) ||
    (error as { type?: unknown } | null)?.type === 'not-leader'
  );
}

function explain(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { message, details, code } = error as {
      message?: unknown;
      details?: unknown;
      code?: unknown;
    };
    if (typeof message === 'string' && message) return message;
    if (typeof details === 'string' && details) return details;
    if (typeof code === 'number') return `gRPC status ${code}`;
  }
  if (error instanceof Error) return error.name;
  return String(error);
}
