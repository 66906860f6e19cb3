import type { Position } from '../position.js';

/** The embedded store's sequence number as a position: the same value in both halves. */
export function sequenceToPosition(sequence: number): Position {
  const half = sequence.toString(16).padStart(16, '0');
  return (half + half) as Position;
}
