/** How a stream's hash chain can be broken. */
export type ChainProblem =
  /** The stream's revisions do not follow each other in the log (missing, repeated or reordered). */
  | 'out-of-sequence'
  /** `prevHash` is not the hash of the event before it. */
  | 'prev-hash-mismatch'
  /** The stored `hash` is not the hash of what is stored: the event changed after it was hashed. */
  | 'hash-mismatch'
  /** The event carries no hash. */
  | 'missing-hash'
  /** The event at a revision an anchored digest names does not have the anchored hash. */
  | 'anchor-mismatch'
  /** The stream is shorter than an anchored digest says it was (or gone). */
  | 'truncated';

/** The first bad event of a broken stream. */
export interface BadEvent {
  readonly stream: string;
  readonly revision: number;
  /** null for an event that is missing. */
  readonly position: string | null;
  readonly id: string | null;
  readonly type: string | null;
  readonly problem: ChainProblem;
  /** What differs, in words. */
  readonly detail: string;
  /**
   * What the chain says should be there, and what is: revisions for out-of-sequence,
   * hashes otherwise (for hash-mismatch: the stored hash, and the one recomputed from the
   * stored event).
   */
  readonly expected: string | number | null;
  readonly found: string | number | null;
}

/** The last event of a stream, as a digest names it. */
export interface StreamHead {
  readonly stream: string;
  readonly revision: number;
  readonly hash: string | null;
}

export interface VerifyReport {
  /** True when every chain checked is intact (and matches the anchor, when one was given). */
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly brokenStreams: number;
  /** The position of the last event checked; null for an empty store. */
  readonly through: string | null;
  readonly durationMs: number;
  readonly eventsPerSecond: number;
  /** The first bad event found, in log order. */
  readonly firstBad: BadEvent | null;
  /** The first bad event of each broken stream, in log order (at most MAX_LISTED). */
  readonly broken: readonly BadEvent[];
  /**
   * Against an anchored digest: how many of its streams were confirmed (the anchored head
   * found with its anchored hash, and the chain intact up to it), and those that were not,
   * in log order of their first bad event (at most MAX_LISTED).
   */
  readonly anchor: {
    readonly streams: number;
    readonly confirmed: number;
    readonly notConfirmed: readonly string[];
  } | null;
}

export const MAX_LISTED = 100;
