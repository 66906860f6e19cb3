import { ANY, NO_STREAM, STREAM_EXISTS, type AppendStreamState } from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../event-store.port.js';

/** Our expected revision as the client's `streamState` append option. */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'no-stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/**
 * The client's stream state back in our terms. Servers that report the expectation
 * as a number use -1 for no stream, -2 for any and -4 for stream exists.
 */
export function fromStreamState(state: AppendStreamState): ExpectedRevision {
  switch (state) {
    case NO_STREAM:
    case -1n:
      return 'no-stream';
    case STREAM_EXISTS:
    case -4n:
      return 'exists';
    case ANY:
    case -2n:
      return 'any';
    default:
      return Number(state);
  }
}
