import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import {
  fromStreamState,
  toStreamState,
} from '../../../src/event-store/kurrentdb/kurrentdb-expected-revision.js';

describe('KurrentDB expected revision', () => {
  describe('turning our expected revision into the client stream state', () => {
    it('expects no stream for no-stream', () => {
      expect(toStreamState('no-stream')).toBe(NO_STREAM);
      expect(NO_STREAM).toBe('no_stream');
    });

    it('expects the stream to exist for exists', () => {
      expect(toStreamState('exists')).toBe(STREAM_EXISTS);
      expect(STREAM_EXISTS).toBe('stream_exists');
    });

    it('expects anything for any', () => {
      expect(toStreamState('any')).toBe(ANY);
      expect(ANY).toBe('any');
    });

    it('expects an exact revision as a bigint, including revision 0', () => {
      expect(toStreamState(0)).toBe(0n);
      expect(toStreamState(41)).toBe(41n);
      expect(toStreamState(Number.MAX_SAFE_INTEGER)).toBe(BigInt(Number.MAX_SAFE_INTEGER));
    });
  });

  describe('reading a client stream state back', () => {
    it('round-trips all four forms', () => {
      for (const expected of ['no-stream', 'exists', 'any', 0, 7] as const) {
        expect(fromStreamState(toStreamState(expected))).toBe(expected);
      }
    });

    it('understands the numeric codes servers send for the named states', () => {
      expect(fromStreamState(-1n)).toBe('no-stream');
      expect(fromStreamState(-2n)).toBe('any');
      expect(fromStreamState(-4n)).toBe('exists');
    });
  });
});
