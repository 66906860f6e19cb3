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
  const sorted = [...heads].sort((a, b) =>
    a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0,
  );
  const digest = createHash('sha256')
    .update(canonicalJson(sorted.map((h) => [h.stream, h.revision, h.hash])))
    .digest('hex');
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

/** The heads of a digest read back from JSON (e.g. an anchored file); throws when it is not one. */
export function headsOfDigest(value: unknown): StreamHead[] {
  const heads = (value as { heads?: unknown } | null)?.heads;
  if (!Array.isArray(heads)) throw new TypeError('a digest has a "heads" array');
  return heads.map((head: unknown, i) => {
    const h = head as Partial<StreamHead> | null;
    if (
      typeof h?.stream !== 'string' ||
      typeof h.revision !== 'number' ||
      !Number.isInteger(h.revision) ||
      (h.hash !== null && typeof h.hash !== 'string')
    ) {
      throw new TypeError(`heads[${i}] is not { stream, revision, hash }`);
    }
    return { stream: h.stream, revision: h.revision, hash: h.hash };
  });
}
