import type { JsonObject } from '../shared/json.js';
import type { Position } from './position.js';

/**
 * The one port every capability uses to store and read events. Implemented by the
 * embedded SQLite store and by KurrentDB; no Nest, no driver types here.
 */
export interface EventStore {
  /**
   * Appends events atomically to one stream when its revision matches `expected`.
   * Re-appending the same events (same ids) with the same `expected` is a no-op that returns
   * the original result, on every store; what a store does with ids repeated otherwise
   * differs (the embedded store refuses them with DuplicateEventIdError, KurrentDB checks ids
   * only against the events after `expected`), so callers rely on no more than that.
   * @throws WrongExpectedRevisionError, DuplicateEventIdError, AppendTooLargeError, StoreUnavailableError
   */
  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult>;

  /** Reads one stream page by page. Iterating a missing stream throws StreamNotFoundError. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  /** Reads the global log in commit order, strictly after `fromPosition`. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /**
   * Catch-up then live: every event strictly after `fromPosition`, in commit order,
   * with no gap or duplicate at the switch. Events are produced only as fast as the
   * consumer pulls them.
   */
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;

  /** The position of the last event in the log, or START when the log is empty. */
  headPosition(): Promise<Position>;

  /** Resolves when the store answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;

  close(): Promise<void>;

  /**
   * Where the events recorded under a caller's Idempotency-Key went (the metadata's `actor`
   * and `idempotencyKey`), and the hash of the request that recorded them; undefined when
   * none were. Only a store that indexes keys as it appends answers (the embedded one, in the
   * transaction of the append); another leaves it out.
   */
  keyedStream?(actor: string, key: string): KeyedStream | undefined;
}

/** The stream a caller's Idempotency-Key first recorded events in, and that request's hash. */
export interface KeyedStream {
  readonly stream: string;
  /** null for an event recorded without one. */
  readonly requestHash: string | null;
}

/** A revision number (0 is the first event), or a condition on the stream's existence. */
export type ExpectedRevision = number | 'no-stream' | 'exists' | 'any';

export interface EventToAppend {
  /** A uuid chosen by the writer; the key for idempotent retries. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface RecordedEvent extends EventToAppend {
  readonly stream: string;
  readonly revision: number;
  readonly position: Position;
  /** When the store committed it (ISO 8601). */
  readonly recordedAt: string;
  /**
   * `data` as the store holds it (JSON text), when the store read it as text (the embedded
   * store does): a read model that keeps the data whole writes it without serializing it
   * again. Absent when a reader changed `data` (an upcast) or the store gave objects.
   */
  readonly dataJson?: string;
  /**
   * Only when read with `keepDamaged`: why the stored event could not be read whole (its data
   * or metadata is not valid JSON); what could not be read is given as {}.
   */
  readonly damaged?: string;
}

export interface AppendOptions {
  /**
   * Link the events into the stream's hash chain (audit/hash-chain.ts): each event's
   * metadata gets `prevHash` (for the first, the one given here: the hash of the stream's
   * last event, null for a new stream) and `hash`. The store does it where it writes (the
   * embedded store on its writer thread). Needs a numeric or 'no-stream' expected revision.
   */
  readonly chain?: { readonly prevHash: string | null };
}

export interface AppendResult {
  /** The stream's revision after the append: the revision of its last event. */
  readonly nextRevision: number;
  /** The global position of the last event appended. */
  readonly position: Position;
  /** With `chain` (or repeating a chained append): the hash of the last event. */
  readonly lastHash?: string;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive; defaults to the first event (forwards) or the last (backwards). */
  readonly fromRevision?: number | 'start' | 'end';
  readonly direction?: Direction;
  readonly maxCount?: number;
  /** See ReadAllOptions.keepDamaged. */
  readonly keepDamaged?: boolean;
}

export interface EventFilter {
  /** Only events of these types. */
  readonly eventTypes?: readonly string[];
  /** Only events in streams whose names start with one of these prefixes (e.g. 'mission-'). */
  readonly streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive; START (the default) reads from the first event. */
  readonly fromPosition?: Position;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
  /**
   * For a verifier or an auditor's listing: an event whose stored data or metadata does not
   * parse is read with `damaged` saying why, rather than ending the read with a
   * DamagedEventError naming it. Stores that cannot hold such an event (KurrentDB gives {}
   * for a payload that does not parse) ignore it.
   */
  readonly keepDamaged?: boolean;
}

export interface SubscribeToAllOptions {
  /** Exclusive; START (the default) catches up from the first event. */
  readonly fromPosition?: Position;
  readonly filter?: EventFilter;
}

export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Stops the feed; a pending pull ends the iteration. */
  close(): Promise<void>;
}

/** The token Nest providers use to inject the configured store. */
export const EVENT_STORE = Symbol('EventStore');
