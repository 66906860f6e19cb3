import {
  START as FROM_START,
  type Position as ClientPosition,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import {
  comparePositions,
  decodePosition,
  encodePosition,
  START,
  type Position,
} from '../position.js';

/** KurrentDB's (commit, prepare) pair as our opaque, lexically ordered position. */
export function fromClientPosition(position: ClientPosition): Position {
  return encodePosition(position.commit, position.prepare);
}

export function toClientPosition(position: Position): ClientPosition {
  return decodePosition(position);
}

/** What a server writes for "no position" as an unsigned 64-bit number (-1 read as unsigned). */
const NO_POSITION = 2n ** 64n - 1n;

/**
 * Servers report -1/-1 where they have no position to give (e.g. some idempotent writes),
 * on some paths as the unsigned 2^64 - 1.
 */
export function isUsableClientPosition(
  position: ClientPosition | undefined,
): position is ClientPosition {
  return (
    position !== undefined &&
    position.commit >= 0n &&
    position.prepare >= 0n &&
    position.commit !== NO_POSITION &&
    position.prepare !== NO_POSITION
  );
}

/** Where a client read or subscription starts: START is the beginning of $all. */
export function toReadPosition(position: Position): ReadPosition {
  return position === START ? FROM_START : toClientPosition(position);
}

/**
 * Whether `position` lies strictly after `after`. Our positions are exclusive while
 * KurrentDB's reads are inclusive, so the event sitting at `after` is not after it.
 */
export function isAfter(position: Position, after: Position): boolean {
  return after === START || comparePositions(position, after) > 0;
}
