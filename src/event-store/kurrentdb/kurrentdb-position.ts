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

/** Servers report -1/-1 where they have no position to give (e.g. some idempotent writes). */
export function isUsableClientPosition(
  position: ClientPosition | undefined,
): position is ClientPosition {
  return position !== undefined && position.commit >= 0n && position.prepare >= 0n;
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
