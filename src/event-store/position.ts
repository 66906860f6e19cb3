/**
 * A position in the store's global log ($all). Opaque to callers: a fixed-width
 * string whose lexical order is the log's order, so it can be an SSE id, a URL
 * parameter or a checkpoint without further encoding.
 *
 * It packs KurrentDB's (commit, prepare) pair; the embedded store uses its
 * sequence number for both halves.
 */
export type Position = string & { readonly __brand: 'Position' };

const WIDTH = 16;
const PATTERN = /^[0-9a-f]{16}[0-9a-f]{16}$/;
const MAX = (1n << 64n) - 1n;

export const START: Position = encodePosition(0n, 0n);

export function encodePosition(commit: bigint, prepare: bigint): Position {
  if (commit < 0n || prepare < 0n || commit > MAX || prepare > MAX) {
    throw new RangeError(`position out of range: ${commit}/${prepare}`);
  }
  return (commit.toString(16).padStart(WIDTH, '0') +
    prepare.toString(16).padStart(WIDTH, '0')) as Position;
}

export function decodePosition(position: Position): { commit: bigint; prepare: bigint } {
  return {
    commit: BigInt(`0x${position.slice(0, WIDTH)}`),
    prepare: BigInt(`0x${position.slice(WIDTH)}`),
  };
}

export function isPosition(value: unknown): value is Position {
  return typeof value === 'string' && PATTERN.test(value);
}

/** Parses untrusted text (a URL parameter, a Last-Event-ID); undefined when it is not a position. */
export function parsePosition(value: string): Position | undefined {
  const lower = value.trim().toLowerCase();
  return isPosition(lower) ? lower : undefined;
}

export function comparePositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
