import { END, START, type ReadRevision } from '@kurrent/kurrentdb-client';
import type { ReadStreamOptions } from '../event-store.port.js';

/**
 * Where a stream read starts, in the client's terms: a number is an inclusive
 * revision; without one, forwards reads start at the first event and backwards
 * reads at the last.
 */
export function toReadRevision(
  from: ReadStreamOptions['fromRevision'],
  backwards: boolean,
): ReadRevision {
  if (typeof from === 'number') {
    if (!Number.isSafeInteger(from) || from < 0) {
      throw new TypeError(`invalid revision: ${from}`);
    }
    return BigInt(from);
  }
  if (from === 'start') return START;
  if (from === 'end') return END;
  return backwards ? END : START;
}
