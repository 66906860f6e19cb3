import type { RecordedEvent } from '../../event-store/event-store.port.js';
import type { Position } from '../../event-store/position.js';
import {
  anchorMismatch,
  chainedAt,
  hashMismatch,
  linkProblem,
  type ChainedAt,
  type Link,
} from './chain-links.js';
import type { StreamHead } from './chain-report.js';
import { Findings, recomputedHash, type Finding } from './hash-checks.js';

/** What verifying one stretch of the log found; stretches are then joined in log order. */
export interface RangeResult {
  readonly checked: number;
  readonly through: Position | null;
  readonly findings: readonly Finding[];
  /**
   * The first event of each stream in a stretch that does not start the log: its link to
   * the stream's previous event (in an earlier stretch) is checked when the stretches join.
   */
  readonly firsts: readonly ChainedAt[];
  /** Each stream's last event in the stretch. */
  readonly lasts: readonly (readonly [string, Link])[];
  /**
   * Anchored streams whose anchored revision was found with the anchored hash, and where:
   * confirmed once the stretches are joined if nothing in the stream is broken before it.
   */
  readonly anchoredHeadsFound: readonly AnchoredHeadFound[];
}

export interface AnchoredHeadFound {
  readonly stream: string;
  /** Its position in the log, as a Finding's. */
  readonly at: string;
}

export interface RangeOptions {
  /** True for the stretch that starts at the log's beginning (or a whole stream). */
  readonly startsLog: boolean;
  /** Inclusive end of the stretch. */
  readonly until?: Position;
  readonly anchor?: ReadonlyMap<string, StreamHead>;
  /** Told every 1000 events: events checked so far in this stretch, and where. */
  readonly onProgress?: (checked: number, position: Position) => void;
}

const PROGRESS_EVERY = 1000;

/**
 * Verifies a stretch of the log in order: each event's link to the stream's previous event
 * (revision and prevHash), its hash re-computed from what is stored, and the anchor.
 */
export async function verifyRange(
  events: AsyncIterable<RecordedEvent>,
  options: RangeOptions,
): Promise<RangeResult> {
  const findings = new Findings();
  const links = new Map<string, Link>();
  const firsts: ChainedAt[] = [];
  const anchoredHeadsFound: AnchoredHeadFound[] = [];
  let checked = 0;
  let through: Position | null = null;
  for await (const recorded of events) {
    if (options.until !== undefined && recorded.position > options.until) break;
    checked += 1;
    through = recorded.position;
    const event = chainedAt(recorded);
    const previous = links.get(event.stream);
    if (!previous && !options.startsLog) {
      firsts.push(event);
    } else {
      const bad = linkProblem(event, previous);
      if (bad) findings.note(event.position, bad);
    }
    const anchored = options.anchor?.get(event.stream);
    if (anchored && anchored.revision === event.revision) {
      if (event.hash !== anchored.hash)
        findings.note(event.position, anchorMismatch(event, anchored));
      else anchoredHeadsFound.push({ stream: event.stream, at: event.position });
    }
    if (previous) {
      previous.revision = event.revision;
      previous.hash = event.hash;
    } else {
      links.set(event.stream, { revision: event.revision, hash: event.hash });
    }
    if (event.hash !== null && event.damaged === undefined) {
      const computed = recomputedHash(recorded);
      if (computed !== event.hash) findings.note(event.position, hashMismatch(event, computed));
    }
    if (checked % PROGRESS_EVERY === 0) options.onProgress?.(checked, recorded.position);
  }
  return {
    checked,
    through,
    findings: findings.all(),
    firsts,
    lasts: [...links],
    anchoredHeadsFound,
  };
}
