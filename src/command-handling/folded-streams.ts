import { StreamNotFoundError } from '../event-store/event-store.errors.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { START, type Position } from '../event-store/position.js';
import type { Decider } from '../shared/decider.js';
import { upcast, upcastRecorded } from '../event-store/event-schema/upcast.js';

/** A stream folded up to a revision, and where each idempotency key's events sit in it. */
export interface FoldedStream<State> {
  readonly state: State;
  /** undefined while the stream does not exist. */
  readonly revision: number | undefined;
  readonly position: Position;
  /** The hash-chain hash of the stream's last event (null before the first). */
  readonly lastHash: string | null;
  /** `${actor}\n${idempotencyKey}` → the revisions recorded under that key. */
  readonly keyed: ReadonlyMap<string, readonly number[]>;
}

type Folder<Event, State> = Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>;

/** Which caller and key recorded an event, as FoldedStream.keyed names it. */
export function keyOf(actor: unknown, idempotencyKey: unknown): string | undefined {
  return typeof actor === 'string' && typeof idempotencyKey === 'string'
    ? `${actor}\n${idempotencyKey}`
    : undefined;
}

/**
 * The keyed revisions with `revisions` added under `key`. The map is extended in place:
 * it only ever gains facts about events the stream really holds, so every state that
 * shares it stays true, and a long stream's map is never copied per command.
 */
export function withKeyed(
  keyed: ReadonlyMap<string, readonly number[]>,
  key: string,
  revisions: readonly number[],
): ReadonlyMap<string, readonly number[]> {
  const map = keyed as Map<string, readonly number[]>;
  const known = map.get(key) ?? [];
  map.set(key, [...known, ...revisions.filter((r) => !known.includes(r))]);
  return map;
}

/**
 * Folds streams and remembers the result for the most recently used ones, so a
 * command reads only the events recorded since it last looked (usually none). The
 * store stays the truth: `fold` reads forward from the remembered revision, so events
 * appended by another node or process are never missed; `remembered` answers from
 * memory alone, for callers that check it against the store some other way (an append
 * with the expected revision).
 */
export class FoldedStreams {
  private readonly caches = new WeakMap<object, Map<string, FoldedStream<unknown>>>();

  constructor(
    private readonly store: EventStore,
    private readonly maxStreams = 2000,
  ) {}

  async fold<Event, State>(
    stream: string,
    folder: Folder<Event, State>,
  ): Promise<FoldedStream<State>> {
    const cache = this.cacheOf(folder);
    const cached = cache.get(stream) as FoldedStream<State> | undefined;
    const keyed = cached?.keyed ?? new Map<string, readonly number[]>();
    let state = cached?.state ?? folder.initialState();
    let revision = cached?.revision;
    let position = cached?.position ?? START;
    let lastHash = cached?.lastHash ?? null;
    let keyedNow: ReadonlyMap<string, readonly number[]> = keyed;
    try {
      const from = revision === undefined ? 0 : revision + 1;
      for await (const recorded of this.store.readStream(stream, { fromRevision: from })) {
        const event = upcast({ type: recorded.type, data: recorded.data }, recorded.metadata);
        state = folder.evolve(state, event as Event);
        revision = recorded.revision;
        position = recorded.position;
        lastHash = typeof recorded.metadata.hash === 'string' ? recorded.metadata.hash : null;
        const key = keyOf(recorded.metadata.actor, recorded.metadata.idempotencyKey);
        if (key !== undefined) keyedNow = withKeyed(keyedNow, key, [recorded.revision]);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const folded: FoldedStream<State> = {
      state,
      revision,
      position,
      lastHash,
      keyed: keyedNow,
    };
    this.remember(stream, folder, folded);
    return folded;
  }

  /** What was last folded or remembered for the stream, without asking the store. */
  remembered<Event, State>(
    stream: string,
    folder: Folder<Event, State>,
  ): FoldedStream<State> | undefined {
    return this.cacheOf(folder).get(stream) as FoldedStream<State> | undefined;
  }

  /** Keeps a stream's folded state (e.g. after appending to it), unless a newer one is kept. */
  remember<Event, State>(
    stream: string,
    folder: Folder<Event, State>,
    folded: FoldedStream<State>,
  ): void {
    const cache = this.cacheOf(folder);
    const current = cache.get(stream);
    if (folded.revision === undefined || (current?.revision ?? -1) > folded.revision) return;
    cache.delete(stream);
    cache.set(stream, folded);
    if (cache.size > this.maxStreams) cache.delete(cache.keys().next().value as string);
  }

  /** The recorded events at these revisions of a stream. */
  async eventsAt(stream: string, revisions: readonly number[]): Promise<RecordedEvent[]> {
    const wanted = new Set(revisions);
    const first = Math.min(...revisions);
    const last = Math.max(...revisions);
    const events: RecordedEvent[] = [];
    for await (const recorded of this.store.readStream(stream, {
      fromRevision: first,
      maxCount: last - first + 1,
    })) {
      if (wanted.has(recorded.revision)) events.push(upcastRecorded(recorded));
    }
    return events;
  }

  private cacheOf(folder: object): Map<string, FoldedStream<unknown>> {
    let cache = this.caches.get(folder);
    if (!cache) {
      cache = new Map();
      this.caches.set(folder, cache);
    }
    return cache;
  }
}
