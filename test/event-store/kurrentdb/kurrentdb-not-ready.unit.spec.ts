import sharedPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import { StoreUnavailableError } from '../../../src/event-store/event-store.errors.js';
import {
  fromKurrentDbError,
  isTransientStoreError,
} from '../../../src/event-store/kurrentdb/kurrentdb-errors.js';
import { batchAppendError, bridgeReadError, discoveryError } from './real-client-errors.js';

const unavailable = (error: unknown): boolean =>
  fromKurrentDbError(error, { stream: 'mission-1', expected: 0 }) instanceof StoreUnavailableError;

describe('KurrentDB "up but not ready" failures the client leaves untyped', () => {
  describe('an append the server did not handle', () => {
    it.each(['Server Is Not Ready', 'Server Is Busy', 'No leader info available in response'])(
      'answered "%s" is StoreUnavailableError',
      (message) => {
        const error = batchAppendError(message);
        expect(error.message).toBe(`Could not recognize ${message}`);
        const mapped = fromKurrentDbError(error, { stream: 'mission-1', expected: 0 });
        expect(mapped).toBeInstanceOf(StoreUnavailableError);
        expect((mapped as StoreUnavailableError).cause).toBe(error);
        expect(isTransientStoreError(mapped)).toBe(true);
      },
    );

    it('refused as a bad request stays a failure', () => {
      const badRequest = new sharedPb.BadRequest();
      badRequest.setMessage('Required field StreamIdentifier not set.');
      const error = batchAppendError('BadRequest', {
        typeName: 'event_store.client.BadRequest',
        bytes: badRequest.serializeBinary(),
      });
      expect(error.message).toBe('Could not recognize BadRequest');
      expect(fromKurrentDbError(error)).toBe(error);
    });

    it('failing inside the server (an internal error status) stays a failure', () => {
      const error = batchAppendError(
        'Envelope callback expected either WriteEventsCompleted or NotHandled, received X instead.',
      );
      expect(fromKurrentDbError(error)).toBe(error);
    });
  });

  describe('a read through the Rust bridge', () => {
    it.each([
      'Server-side error: status: Unavailable, message: "Server Is Not Ready", details: [], metadata: MetadataMap { headers: {} }',
      'Server-side error: status: Internal, message: "h2 protocol error", details: [], metadata: MetadataMap { headers: {} }',
      'Server-side error: status: Unknown, message: "client error (Connect)", details: [], metadata: MetadataMap { headers: {} }',
      'Connection is closed.',
      'Deadline exceeded',
      'Unmapped gRPC error: code: The operation was cancelled, message: "shutting down".',
    ])('failing with "%s" is StoreUnavailableError', (message) => {
      const error = bridgeReadError(message);
      expect(error).toMatchObject({ type: 'unknown', message });
      expect(unavailable(error)).toBe(true);
    });

    it.each([
      'Server-side error: status: Unknown, message: "Exception was thrown by handler.", details: [], metadata: MetadataMap { headers: {} }',
      'Unmapped gRPC error: code: Client specified an invalid argument, message: "bad filter".',
      'Internal parsing error: bad uuid',
      'Unexpected internal client error. Please fill an issue on GitHub',
      'a message that merely mentions Connection is closed.',
    ])('failing with "%s" stays a failure', (message) => {
      const error = bridgeReadError(message);
      expect(fromKurrentDbError(error)).toBe(error);
    });

    it('that the bridge already calls unavailable stays StoreUnavailableError', () => {
      expect(unavailable(bridgeReadError('UnavailableError', 'UnavailableError'))).toBe(true);
    });
  });

  it('cluster discovery finding no node is StoreUnavailableError', async () => {
    const error = await discoveryError();
    expect((error as Error).message).toBe('Failed to discover after 1 attempts.');
    expect(unavailable(error)).toBe(true);
  });

  it('a plain error merely worded like a failed discovery, but typed, stays a failure', () => {
    const typed = Object.assign(new Error('Failed to discover after 3 attempts.'), {
      type: 'invalid-argument',
    });
    expect(fromKurrentDbError(typed)).toBe(typed);
  });
});
