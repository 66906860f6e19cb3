import {
  DuplicateEventIdError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store.errors.js';
import type { AppendOptions, AppendResult, ExpectedRevision } from '../event-store.port.js';
import type { CommittedRow } from './recent-commits.js';
import type { SerializedEvent } from './sqlite-event-store.js';

/**
 * What the writer thread is asked to append, and what it answers (structured-cloned). The
 * events go as JSON text: cloning a string is a copy, cloning an object graph cost more
 * than JSON.stringify.
 */
export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly SerializedEvent[];
  readonly expected: ExpectedRevision;
  readonly options?: AppendOptions;
}

export type ToWriter =
  | { readonly kind: 'append'; readonly batch: number; readonly appends: readonly AppendRequest[] }
  | { readonly kind: 'close' };

export type AppendAnswer =
  | { readonly ok: true; readonly value: AppendResult }
  | { readonly ok: false; readonly error: EncodedError };

export type FromWriter =
  | {
      readonly kind: 'appended';
      readonly batch: number;
      readonly answers: readonly AppendAnswer[];
      readonly committed: readonly CommittedRow[];
    }
  | { readonly kind: 'closed' };

export interface EncodedError {
  readonly name: string;
  readonly message: string;
  readonly stream?: string;
  readonly expected?: ExpectedRevision;
  readonly actual?: number | 'no-stream';
  readonly eventId?: string;
}

/** An error as plain data, keeping what the port's error classes carry. */
export function encodeError(error: unknown): EncodedError {
  if (error instanceof WrongExpectedRevisionError) {
    const { name, message, stream, expected, actual } = error;
    return { name, message, stream, expected, actual };
  }
  if (error instanceof DuplicateEventIdError) {
    const { name, message, stream, eventId } = error;
    return { name, message, stream, eventId };
  }
  if (error instanceof StreamNotFoundError) {
    return { name: error.name, message: error.message, stream: error.stream };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The port's error again, on the service's thread. */
export function decodeError(encoded: EncodedError): Error {
  switch (encoded.name) {
    case 'WrongExpectedRevisionError':
      return new WrongExpectedRevisionError(
        encoded.stream ?? '',
        encoded.expected ?? 'any',
        encoded.actual ?? 'no-stream',
      );
    case 'DuplicateEventIdError':
      return new DuplicateEventIdError(encoded.stream ?? '', encoded.eventId ?? '');
    case 'StreamNotFoundError':
      return new StreamNotFoundError(encoded.stream ?? '');
    case 'StoreUnavailableError':
      return new StoreUnavailableError(encoded.message);
    case 'TypeError':
      return new TypeError(encoded.message);
    default: {
      const error = new Error(encoded.message);
      error.name = encoded.name;
      return error;
    }
  }
}
