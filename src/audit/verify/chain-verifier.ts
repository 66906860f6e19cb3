import type { StoreConfig } from '../../config/config.js';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import {
  decodePosition,
  encodePosition,
  START,
  type Position,
} from '../../event-store/position.js';
import { linkProblem, truncated, type Link } from './chain-links.js';
import type { StreamHead, VerifyReport } from './chain-report.js';
import { MAX_LISTED } from './chain-report.js';
import { AFTER_THE_LOG, Findings } from './hash-checks.js';
import { checkedAnchorHeads, type AnchoredDigest } from './store-digest.js';
import { defaultVerifyThreads, RangeWorkers } from './range-workers.js';
import { verifyRange, type RangeResult } from './verify-range.js';

export interface VerifyOptions {
  /** Verify one stream only (StreamNotFoundError when it does not exist). */
  readonly stream?: string;
  /** Verify these events (the whole log, in commit order) rather than reading the store. */
  readonly events?: AsyncIterable<RecordedEvent>;
  /**
   * An earlier, anchored digest: each of its heads must still be in its chain, unchanged.
   * Its heads must hash to its digest (AnchorError otherwise).
   */
  readonly anchor?: AnchoredDigest;
  /** Told as events are checked: how many so far, and (on this thread) where in the log. */
  readonly onProgress?: (checked: number, position: Position) => void;
  /** Threads verifying beside this one (default: one per spare core, at most 3); 0: none. */
  readonly threads?: number;
}

export interface VerifierSetup {
  /** How to open the store again, so that threads can verify stretches of it in parallel. */
  readonly storeConfig?: StoreConfig;
  /** Below this many events the log is verified in one stretch (default 100,000). */
  readonly stretchesFrom?: number;
}

export interface VerifyResult {
  readonly report: VerifyReport;
  /** Every stream's last event, for a digest. */
  readonly heads: readonly StreamHead[];
}

/** Below this many events, threads are not worth starting. */
const STRETCHES_FROM = 100_000;

/**
 * Re-computes every stream's hash chain from the log, in commit order, page by page: for
 * each event, that its revision follows the stream's previous one, that its `prevHash` is
 * the previous event's hash, and that its `hash` is the hash of what is stored. Reports,
 * per broken stream, the first bad event. Memory grows with the number of streams, not
 * events.
 *
 * On a large embedded store (whose positions count events) the log is cut into stretches
 * verified side by side by threads with their own connections; the stretches are then
 * joined: each stream's first event in a stretch is checked against its last one in the
 * stretch before.
 */
export class ChainVerifier {
  constructor(
    private readonly store: EventStore,
    private readonly setup: VerifierSetup = {},
  ) {}

  async verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    const started = performance.now();
    const anchorHeads = options.anchor ? checkedAnchorHeads(options.anchor) : undefined;
    const anchor = anchorOf(anchorHeads, options.stream);
    const wholeLog = options.stream === undefined && options.events === undefined;
    const head = wholeLog ? await this.store.headPosition() : undefined;
    const stretches = head === undefined ? [] : this.stretchesOf(head, options);
    const config = this.setup.storeConfig;
    const workers =
      config && stretches.length > 1
        ? RangeWorkers.start(
            stretches.slice(1).map((s) => ({ ...s, config, anchor: anchorHeads ?? null })),
          )
        : undefined;
    const until = stretches.length > 1 ? stretches[0].until : head;
    let results: RangeResult[];
    try {
      const own = await verifyRange(options.events ?? this.source(options.stream), {
        startsLog: true,
        until,
        anchor,
        onProgress: (checked, position) =>
          options.onProgress?.(checked + (workers?.checked ?? 0), position),
      });
      results = [
        own,
        ...(workers ? await workers.results() : await this.inThread(stretches, anchor)),
      ];
    } catch (error) {
      await workers?.stop();
      throw error;
    }
    const joined = join(results, anchor);
    const last = results[results.length - 1];
    if (last.through !== null) options.onProgress?.(joined.checked, last.through);

    const broken = joined.findings.inLogOrder();
    const durationMs = performance.now() - started;
    const report: VerifyReport = {
      ok: broken.length === 0,
      eventsChecked: joined.checked,
      streamsChecked: joined.links.size,
      brokenStreams: broken.length,
      through: results.reduce<Position | null>((at, r) => r.through ?? at, null),
      durationMs: Math.round(durationMs),
      eventsPerSecond: durationMs > 0 ? Math.round((joined.checked / durationMs) * 1000) : 0,
      firstBad: broken[0] ?? null,
      broken: broken.slice(0, MAX_LISTED),
      anchor: anchor
        ? {
            streams: anchor.size,
            confirmed: joined.confirmed.size,
            notConfirmed: broken
              .filter((bad) => anchor.has(bad.stream) && !joined.confirmed.has(bad.stream))
              .slice(0, MAX_LISTED)
              .map((bad) => bad.stream),
          }
        : null,
    };
    const heads = [...joined.links].map(([stream, link]) => ({ stream, ...link }));
    return { report, heads };
  }

  /**
   * The stretches (after, until] the log is verified in: one per thread on a large embedded
   * store, where position n is the n-th event; the whole log otherwise.
   */
  private stretchesOf(
    head: Position,
    options: VerifyOptions,
  ): { after: Position; until: Position }[] {
    const events = Number(decodePosition(head).commit);
    const threads = options.threads ?? defaultVerifyThreads();
    const from = this.setup.stretchesFrom ?? STRETCHES_FROM;
    if (this.setup.storeConfig?.kind !== 'sqlite' || threads <= 0 || events < from) {
      return [{ after: START, until: head }];
    }
    const count = threads + 1;
    const at = (i: number): Position => {
      const n = BigInt(Math.floor((events * i) / count));
      return i === count ? head : encodePosition(n, n);
    };
    return Array.from({ length: count }, (_, i) => ({ after: at(i), until: at(i + 1) }));
  }

  /** The stretches after the first, one after the other, when no thread could be started. */
  private async inThread(
    stretches: readonly { after: Position; until: Position }[],
    anchor: ReadonlyMap<string, StreamHead> | undefined,
  ): Promise<RangeResult[]> {
    const results: RangeResult[] = [];
    for (const { after, until } of stretches.slice(1)) {
      results.push(
        await verifyRange(this.store.readAll({ fromPosition: after, keepDamaged: true }), {
          startsLog: false,
          until,
          anchor,
        }),
      );
    }
    return results;
  }

  private async *source(stream: string | undefined): AsyncIterable<RecordedEvent> {
    if (stream === undefined) {
      yield* this.store.readAll({ keepDamaged: true });
      return;
    }
    yield* this.store.readStream(stream, { keepDamaged: true });
  }
}

/** The stretches' findings, joined in log order, with the links across their seams. */
function join(
  results: readonly RangeResult[],
  anchor: ReadonlyMap<string, StreamHead> | undefined,
): { findings: Findings; links: Map<string, Link>; checked: number; confirmed: Set<string> } {
  const findings = new Findings();
  const links = new Map<string, Link>();
  const anchoredHeadsAt = new Map<string, string>();
  let checked = 0;
  for (const result of results) {
    checked += result.checked;
    for (const first of result.firsts) {
      const bad = linkProblem(first, links.get(first.stream));
      if (bad) findings.note(first.position, bad);
    }
    for (const { at, bad } of result.findings) findings.note(at, bad);
    for (const [stream, link] of result.lasts) links.set(stream, link);
    for (const { stream, at } of result.anchoredHeadsFound) anchoredHeadsAt.set(stream, at);
  }
  const confirmed = new Set<string>();
  for (const [stream, head] of anchor ?? []) {
    const headAt = anchoredHeadsAt.get(stream);
    const brokenAt = findings.firstAt(stream);
    // The anchored hash proves the chain up to its head only if no link before it is broken.
    if (headAt !== undefined && (brokenAt === undefined || brokenAt > headAt)) {
      confirmed.add(stream);
    } else if (headAt === undefined && brokenAt === undefined) {
      findings.note(AFTER_THE_LOG, truncated(stream, head, links.get(stream)));
    }
  }
  return { findings, links, checked, confirmed };
}

function anchorOf(
  anchor: readonly StreamHead[] | undefined,
  stream: string | undefined,
): Map<string, StreamHead> | undefined {
  if (!anchor) return undefined;
  const heads = anchor.filter((head) => stream === undefined || head.stream === stream);
  return new Map(heads.map((head) => [head.stream, head]));
}
