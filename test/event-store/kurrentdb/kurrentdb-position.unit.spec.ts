import {
  fromClientPosition,
  isAfter,
  isUsableClientPosition,
  toClientPosition,
  toReadPosition,
} from '../../../src/event-store/kurrentdb/kurrentdb-position.js';
import { comparePositions, isPosition, START } from '../../../src/event-store/position.js';

describe('KurrentDB positions', () => {
  it('round-trips a (commit, prepare) pair through our opaque position', () => {
    const pairs = [
      { commit: 0n, prepare: 0n },
      { commit: 1234n, prepare: 1200n },
      { commit: (1n << 63n) + 5n, prepare: (1n << 64n) - 1n },
    ];
    for (const pair of pairs) {
      const position = fromClientPosition(pair);
      expect(isPosition(position)).toBe(true);
      expect(toClientPosition(position)).toEqual(pair);
    }
  });

  it('orders positions by commit, then prepare, as plain strings', () => {
    const pairs = [
      { commit: 10n, prepare: 9n },
      { commit: 10n, prepare: 10n },
      { commit: 11n, prepare: 0n },
      { commit: 256n, prepare: 1n },
      { commit: 4096n, prepare: 4000n },
    ];
    const positions = pairs.map(fromClientPosition);
    const shuffled = [...positions].reverse().sort();
    expect(shuffled).toEqual(positions);
    expect(comparePositions(positions[0], positions[1])).toBeLessThan(0);
    expect(comparePositions(positions[3], positions[2])).toBeGreaterThan(0);
  });

  it('starts a client read at the beginning for START and at the pair otherwise', () => {
    expect(toReadPosition(START)).toBe('start');
    expect(toReadPosition(fromClientPosition({ commit: 7n, prepare: 6n }))).toEqual({
      commit: 7n,
      prepare: 6n,
    });
  });

  it('treats positions as exclusive: the event at the position itself is not after it', () => {
    const at = fromClientPosition({ commit: 500n, prepare: 500n });
    expect(isAfter(at, at)).toBe(false);
    expect(isAfter(fromClientPosition({ commit: 400n, prepare: 400n }), at)).toBe(false);
    expect(isAfter(fromClientPosition({ commit: 600n, prepare: 600n }), at)).toBe(true);
    expect(isAfter(START, START)).toBe(true);
  });

  it('refuses the -1/-1 placeholder some servers send instead of a position', () => {
    expect(isUsableClientPosition({ commit: -1n, prepare: -1n })).toBe(false);
    expect(isUsableClientPosition(undefined)).toBe(false);
    expect(isUsableClientPosition({ commit: 0n, prepare: 0n })).toBe(true);
  });
});
