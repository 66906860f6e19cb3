import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError as ClientStreamNotFoundError,
  StreamTombstonedError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  AppendTooLargeError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../../../src/event-store/event-store.errors.js';
import {
  fromKurrentDbError,
  isTransientStoreError,
} from '../../../src/event-store/kurrentdb/kurrentdb-errors.js';
import { batchAppendEventTooLarge, plainAppendEventTooLarge } from './real-client-errors.js';

describe('KurrentDB error translation', () => {
  describe('a wrong expected version', () => {
    it('becomes WrongExpectedRevisionError carrying the actual revision as a number', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'mission-1',
        expected: 0n,
        current: 3n,
      });
      const mapped = fromKurrentDbError(error, { stream: 'mission-1', expected: 0 });
      expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
      expect(mapped).toMatchObject({ stream: 'mission-1', expected: 0, actual: 3 });
    });

    it("reports 'no-stream' when the stream does not exist", () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'mission-1',
        expected: 'stream_exists',
        current: 'no_stream',
      });
      expect(fromKurrentDbError(error, { stream: 'mission-1', expected: 'exists' })).toMatchObject({
        expected: 'exists',
        actual: 'no-stream',
      });
    });

    it('falls back to what the client reports when the call gave no context', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'mission-2',
        expected: 'no_stream',
        current: 0n,
      });
      expect(fromKurrentDbError(error)).toMatchObject({
        stream: 'mission-2',
        expected: 'no-stream',
        actual: 0,
      });
    });
  });

  it('turns the client StreamNotFoundError into ours, naming the stream', () => {
    const mapped = fromKurrentDbError(new ClientStreamNotFoundError(undefined, 'mission-9'));
    expect(mapped).toBeInstanceOf(StreamNotFoundError);
    expect(mapped).toMatchObject({ stream: 'mission-9' });
  });

  it('treats a deleted or tombstoned stream as a missing one', () => {
    const deleted = fromKurrentDbError(StreamDeletedError.fromStreamName('mission-8'));
    expect(deleted).toBeInstanceOf(StreamNotFoundError);
    expect(deleted).toMatchObject({ stream: 'mission-8' });
    const tombstoned = new StreamTombstonedError(
      undefined as never,
      { stream: 'mission-7' } as never,
    );
    expect(fromKurrentDbError(tombstoned, { stream: 'mission-7' })).toMatchObject({
      stream: 'mission-7',
    });
    expect(fromKurrentDbError(tombstoned)).toBeInstanceOf(StreamNotFoundError);
  });

  it('turns an append over the server’s size limit into AppendTooLargeError, naming the limit', () => {
    const mapped = fromKurrentDbError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), {
      stream: 'meeting-1',
    });
    expect(mapped).toBeInstanceOf(AppendTooLargeError);
    expect(mapped).toMatchObject({ stream: 'meeting-1', maxBytes: 1_048_576 });
  });

  describe('one event over a newer server’s per-event limit (MaxAppendEventSize)', () => {
    it('from a batch append, which does not name the limit, is AppendTooLargeError', () => {
      const error = batchAppendEventTooLarge(2_000_000, 1_048_576);
      expect(error.message).toBe('Could not recognize MaximumAppendEventSizeExceeded');
      const mapped = fromKurrentDbError(error, { stream: 'meeting-1' });
      expect(mapped).toBeInstanceOf(AppendTooLargeError);
      expect(mapped).toMatchObject({ stream: 'meeting-1', maxBytes: undefined });
      expect((mapped as Error).message).toContain('an event over its size limit');
    });

    it('from a plain append, which names it, is AppendTooLargeError naming the limit', () => {
      const mapped = fromKurrentDbError(plainAppendEventTooLarge(2_000_000, 1_048_576), {
        stream: 'meeting-1',
      });
      expect(mapped).toBeInstanceOf(AppendTooLargeError);
      expect(mapped).toMatchObject({ stream: 'meeting-1', maxBytes: 1_048_576 });
    });
  });

  it('turns a denied access into StoreUnavailableError that says what the user needs', () => {
    const mapped = fromKurrentDbError(new AccessDeniedError());
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect((mapped as Error).message).toMatch(/user:password@.*\$all/);
  });

  describe('an unreachable server', () => {
    it('turns the server cancelling its calls (shutdown, failover) into StoreUnavailableError', () => {
      expect(fromKurrentDbError(new CancelledError())).toBeInstanceOf(StoreUnavailableError);
      expect(fromKurrentDbError({ type: 'cancelled' })).toBeInstanceOf(StoreUnavailableError);
    });

    it('turns a real UnavailableError from the client package into StoreUnavailableError', () => {
      const error = new UnavailableError();
      const mapped = fromKurrentDbError(error);
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect((mapped as StoreUnavailableError).cause).toBe(error);
    });

    it('turns DeadlineExceededError into StoreUnavailableError', () => {
      expect(fromKurrentDbError(new DeadlineExceededError())).toBeInstanceOf(StoreUnavailableError);
    });

    it('turns a raw gRPC error object with code 14 (UNAVAILABLE) into StoreUnavailableError', () => {
      const mapped = fromKurrentDbError({ code: 14 });
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect((mapped as Error).message).toContain('14');
    });

    it('turns a raw gRPC Error with code 14, as an append without a server rejects, into StoreUnavailableError', () => {
      const raw = Object.assign(
        new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED'),
        { code: 14, details: 'No connection established' },
      );
      const mapped = fromKurrentDbError(raw, { stream: 'mission-1', expected: 'no-stream' });
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect((mapped as Error).message).toContain('ECONNREFUSED');
    });

    it('turns a raw gRPC error with code 4 (DEADLINE_EXCEEDED) into StoreUnavailableError', () => {
      expect(fromKurrentDbError({ code: 4, details: 'Deadline exceeded' })).toBeInstanceOf(
        StoreUnavailableError,
      );
    });
  });

  describe('anything else', () => {
    it('passes an unknown error through unchanged', () => {
      const error = new Error('boom');
      expect(fromKurrentDbError(error)).toBe(error);
    });

    it('passes other gRPC codes and client errors through unchanged', () => {
      const invalid = { code: 3 };
      expect(fromKurrentDbError(invalid)).toBe(invalid);
      expect(fromKurrentDbError('text')).toBe('text');
      expect(fromKurrentDbError(undefined)).toBeUndefined();
    });

    it('leaves errors that are already ours alone', () => {
      const ours = new StoreUnavailableError('down');
      expect(fromKurrentDbError(ours)).toBe(ours);
    });
  });

  it('calls only StoreUnavailableError transient', () => {
    expect(isTransientStoreError(fromKurrentDbError({ code: 14 }))).toBe(true);
    expect(isTransientStoreError(new StreamNotFoundError('s'))).toBe(false);
    expect(isTransientStoreError(new Error('boom'))).toBe(false);
  });
});
