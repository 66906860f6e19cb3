import {
  DuplicateEventIdError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../../src/event-store/event-store.errors.js';
import { decodeError, encodeError } from '../../src/event-store/sqlite/writer-messages.js';

/** Errors cross from the writer thread as plain data and must come back as the port's own. */
const roundTrip = (error: unknown) => decodeError(structuredClone(encodeError(error)));

describe('Errors from the writer thread', () => {
  it('keep a wrong expected revision with its stream, expectation and actual revision', () => {
    const back = roundTrip(new WrongExpectedRevisionError('mission-kr-cu-havana', 3, 5));
    expect(back).toBeInstanceOf(WrongExpectedRevisionError);
    expect(back).toMatchObject({ stream: 'mission-kr-cu-havana', expected: 3, actual: 5 });
  });

  it('keep a duplicate event id, a missing stream and an unavailable store', () => {
    expect(roundTrip(new DuplicateEventIdError('s-1', 'e-1'))).toMatchObject({
      constructor: DuplicateEventIdError,
      stream: 's-1',
      eventId: 'e-1',
    });
    expect(roundTrip(new StreamNotFoundError('s-2'))).toBeInstanceOf(StreamNotFoundError);
    const unavailable = roundTrip(
      new StoreUnavailableError('embedded store unavailable: disk full'),
    );
    expect(unavailable).toBeInstanceOf(StoreUnavailableError);
    expect(unavailable.message).toBe('embedded store unavailable: disk full');
  });

  it('keep anything else as an error with its name and message', () => {
    expect(roundTrip(new TypeError('invalid event type'))).toBeInstanceOf(TypeError);
    const other = roundTrip(new RangeError('boom'));
    expect(other).toMatchObject({ name: 'RangeError', message: 'boom' });
    expect(roundTrip('not an error')).toMatchObject({ message: 'not an error' });
  });
});
