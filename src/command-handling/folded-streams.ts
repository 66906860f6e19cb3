import { StreamNotFoundError } from '../event-store/event-store.errors.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { START, type Position } from '../event-store/position.js';
import type { Decider } from '../shared/decider.js';
import { upcast, upcastRecorded } from '../shared/event-schema/upcast.js';

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
 * Folds streams and remembers the result for the most recently used ones, so a
 * command reads only the events recorded since it last looked (usually none). The
 * store stays the truth: every fold reads forward from the remembered revision, so
 * events appended by another node or process are never missed.
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
    let ownKeyed: Map<string, readonly number[]> | undefined;
    try {
      const from = revision === undefined ? 0 : revision + 1;
      for await (const recorded of this.store.readStream(stream, { fromRevision: from })) {
        const event = upcast({ type: recorded.type, data: recorded.data }, recorded.metadata);
        state = folder.evolve(state, event as Event);
        revision = recorded.revision;
        position = recorded.position;
        lastHash = typeof recorded.metadata.hash === 'string' ? recorded.metadata.hash : null;
        const key = keyOf(recorded.metadata.actor, recorded.metadata.idempotencyKey);
        if (key !== undefined) {
          ownKeyed ??= new Map(keyed);
          ownKeyed.set(key, [...(ownKeyed.get(key) ?? []), recorded.revision]);
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const folded: FoldedStream<State> = {
      state,
      revision,
      position,
      lastHash,
      keyed: ownKeyed ?? keyed,
    };
    const current = cache.get(stream);
    if (revision !== undefined && (current?.revision ?? -1) <= revision) {
      cache.delete(stream);
      cache.set(stream, folded);
      if (cache.size > this.maxStreams) cache.delete(cache.keys().next().value as string);
    }
    return folded;
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
