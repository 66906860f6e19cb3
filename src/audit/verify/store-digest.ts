import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { StreamHead, VerifyReport } from './chain-report.js';

/**
 * The head hash of every stream and one digest over them all: anchor it outside the store
 * (a signed daily digest, a ticket, an email to the auditors) and a later `verify --anchor`
 * proves the history up to it is unchanged, even against someone who rewrote whole chains.
 */
export interface StoreDigest {
  readonly algorithm: 'sha256';
  readonly generatedAt: string;
  /** The position of the last event covered. */
  readonly through: string | null;
  readonly events: number;
  readonly streams: number;
  /** SHA-256 over the canonical JSON of `[[stream, revision, hash], ...]`, sorted by stream. */
  readonly digest: string;
  /** Whether every chain verified when the digest was taken. */
  readonly verified: boolean;
  readonly heads: readonly StreamHead[];
}

export function storeDigest(
  heads: readonly StreamHead[],
  report: VerifyReport,
  now = new Date(),
): StoreDigest {
  const sorted = sortedHeads(heads);
  const digest = digestOfHeads(sorted);
  return {
    algorithm: 'sha256',
    generatedAt: now.toISOString(),
    through: report.through,
    events: report.eventsChecked,
    streams: sorted.length,
    digest,
    verified: report.ok,
    heads: sorted,
  };
}

function sortedHeads(heads: readonly StreamHead[]): StreamHead[] {
  return [...heads].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
}

/** SHA-256 over the canonical JSON of `[[stream, revision, hash], ...]`, sorted by stream. */
export function digestOfHeads(heads: readonly StreamHead[]): string {
  return createHash('sha256')
    .update(canonicalJson(sortedHeads(heads).map((h) => [h.stream, h.revision, h.hash])))
    .digest('hex');
}

/** What a verify needs of an anchored digest: its heads, and the digest they must hash to. */
export interface AnchoredDigest {
  readonly digest: string;
  readonly heads: readonly StreamHead[];
}

/** An anchor that cannot be used: not a digest, or heads that do not hash to its digest. */
export class AnchorError extends Error {
  override readonly name = 'AnchorError';
}

/**
 * The heads of an anchored digest, once they are shown to hash to its `digest` (the value
 * that was signed or published): heads edited in the anchor file are refused, not trusted.
 */
export function checkedAnchorHeads(anchor: AnchoredDigest): readonly StreamHead[] {
  const recomputed = digestOfHeads(anchor.heads);
  if (recomputed !== anchor.digest) {
    throw new AnchorError(
      `the anchor's heads do not hash to its digest (${anchor.digest}; they hash to ${recomputed}): the anchor was altered, so nothing is checked against it`,
    );
  }
  return anchor.heads;
}

/**
 * A digest read back from JSON (e.g. an anchored file), its heads checked against its
 * digest; throws an AnchorError saying what is wrong.
 */
export function anchorOfDigest(value: unknown): AnchoredDigest {
  const digest = (value as { digest?: unknown } | null)?.digest;
  if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) {
    throw new AnchorError('a digest has a "digest" field: 64 lower-case hex digits');
  }
  const anchor = { digest, heads: headsOfDigest(value) };
  checkedAnchorHeads(anchor);
  return anchor;
}

/** The heads of a digest read back from JSON; throws an AnchorError when it is not one. */
function headsOfDigest(value: unknown): StreamHead[] {
  const heads = (value as { heads?: unknown } | null)?.heads;
  if (!Array.isArray(heads)) throw new AnchorError('a digest has a "heads" array');
  return heads.map((head: unknown, i) => {
    const h = head as Partial<StreamHead> | null;
    if (
      typeof h?.stream !== 'string' ||
      typeof h.revision !== 'number' ||
      !Number.isInteger(h.revision) ||
      (h.hash !== null && typeof h.hash !== 'string')
    ) {
      throw new AnchorError(`heads[${i}] is not { stream, revision, hash }`);
    }
    return { stream: h.stream, revision: h.revision, hash: h.hash };
  });
}
