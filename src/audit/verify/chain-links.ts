import type { RecordedEvent } from '../../event-store/event-store.port.js';
import type { BadEvent, StreamHead } from './chain-report.js';

/** A stream's last event seen so far. */
export interface Link {
  revision: number;
  hash: string | null;
}

/** An event as the link checks need it: enough to check it later against its predecessor. */
export interface ChainedAt {
  readonly stream: string;
  readonly revision: number;
  readonly position: string;
  readonly id: string;
  readonly type: string;
  readonly prevHash: string | null;
  readonly hash: string | null;
  /** Why the stored event could not be read whole (data or metadata not JSON), if so. */
  readonly damaged?: string;
}

export function chainedAt(event: RecordedEvent): ChainedAt {
  const { metadata } = event;
  return {
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    id: event.id,
    type: event.type,
    prevHash: typeof metadata.prevHash === 'string' ? metadata.prevHash : null,
    hash: typeof metadata.hash === 'string' ? metadata.hash : null,
    ...(event.damaged === undefined ? {} : { damaged: event.damaged }),
  };
}

function where(
  event: ChainedAt,
): Pick<BadEvent, 'stream' | 'revision' | 'position' | 'id' | 'type'> {
  return {
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    id: event.id,
    type: event.type,
  };
}

/** The revision and prevHash checks of an event, against its stream's previous event in the log. */
export function linkProblem(event: ChainedAt, previous: Link | undefined): BadEvent | undefined {
  // Its links cannot be read from what is stored: the damage is the first thing wrong here.
  if (event.damaged !== undefined) return damagedEvent(event);
  const expected = previous ? previous.revision + 1 : 0;
  if (event.revision !== expected) {
    const found = event.revision;
    const missing =
      found > expected
        ? found - expected === 1
          ? `revision ${expected} is missing`
          : `revisions ${expected} to ${found - 1} are missing`
        : `revision ${found} comes again`;
    return {
      ...where(event),
      problem: 'out-of-sequence',
      detail: `expected revision ${expected} next in the log, found ${found}: ${missing}, or the log's order was changed`,
      expected,
      found,
    };
  }
  const previousHash = previous?.hash ?? null;
  if (event.prevHash !== previousHash) {
    return {
      ...where(event),
      problem: 'prev-hash-mismatch',
      detail: previous
        ? `prevHash is not the hash of revision ${previous.revision}: the event before it was replaced, or this one was moved`
        : 'the first event of a stream must have prevHash null: events before it were removed',
      expected: previousHash,
      found: event.prevHash,
    };
  }
  if (event.hash === null) {
    return {
      ...where(event),
      problem: 'missing-hash',
      detail:
        'the event carries no hash: it was not appended by this service, or its metadata was rewritten',
      expected: null,
      found: null,
    };
  }
  return undefined;
}

export function hashMismatch(event: ChainedAt, computed: string): BadEvent {
  return {
    ...where(event),
    problem: 'hash-mismatch',
    detail:
      'the stored hash is not the hash of what is stored: the event’s type, data or metadata (or its stream or revision) changed after it was recorded',
    expected: event.hash,
    found: computed,
  };
}

/**
 * An event whose stored data or metadata is not valid JSON: a broken link at its stream and
 * revision, reported as a hash mismatch (what is stored cannot hash to the stored hash).
 */
function damagedEvent(event: ChainedAt): BadEvent {
  return {
    ...where(event),
    problem: 'hash-mismatch',
    detail: `the stored event cannot be read: ${event.damaged ?? 'damaged'}; it was damaged after it was recorded, so its hash cannot be re-computed`,
    expected: event.hash,
    found: null,
  };
}

export function anchorMismatch(event: ChainedAt, anchored: StreamHead): BadEvent {
  return {
    ...where(event),
    problem: 'anchor-mismatch',
    detail: `revision ${anchored.revision}, the stream's head when the digest was taken, does not have the hash the digest recorded: this event or one before it was changed and the chain re-hashed after it (the digest keeps only each stream's head, so it cannot tell which)`,
    expected: anchored.hash,
    found: event.hash,
  };
}

export function truncated(stream: string, anchored: StreamHead, last: Link | undefined): BadEvent {
  return {
    stream,
    revision: anchored.revision,
    position: null,
    id: null,
    type: null,
    problem: 'truncated',
    detail: last
      ? `the stream ends at revision ${last.revision}; the anchored digest saw revision ${anchored.revision}: events were removed from its end`
      : `the stream is gone; the anchored digest saw it up to revision ${anchored.revision}`,
    expected: anchored.revision,
    found: last ? last.revision : null,
  };
}
