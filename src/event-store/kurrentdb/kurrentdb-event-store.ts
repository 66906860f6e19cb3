import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  START as FROM_START,
  type AppendResult as ClientAppendResult,
  type Direction as ClientDirection,
  type EventData,
  type Filter,
} from '@kurrent/kurrentdb-client';
import { isSystemEvent, matchesFilter } from '../event-filter.js';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors.js';
import { chainEvents } from '../chain-events.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store.port.js';
import { assertValidAppend } from '../event-to-append.validation.js';
import { START, type Position } from '../position.js';
import { withTimeout } from '../../shared/with-timeout.js';
import type { ClientSubscriptionLike, KurrentDbClientLike } from './kurrentdb-client-like.js';
import { KURRENTDB_SCHEME, KURRENTDB_SCHEMES } from './kurrentdb-connection-scheme.js';
import { fromKurrentDbError, isTransientStoreError, mayHaveBeenDone } from './kurrentdb-errors.js';
import { toServerFilter } from './kurrentdb-event-filter.js';
import { toStreamState } from './kurrentdb-expected-revision.js';
import {
  fromClientPosition,
  isAfter,
  isUsableClientPosition,
  toClientPosition,
  toReadPosition,
} from './kurrentdb-position.js';
import { toReadRevision } from './kurrentdb-read-revision.js';
import { toRecordedEvent } from './kurrentdb-recorded-event.js';
import { subscriptionEvents } from './kurrentdb-subscription-events.js';
import { ResubscribingFeed, type ResubscribeAttempt } from './resubscribing-feed.js';
import { sleep, type RetryPolicy, type Sleep } from './retry-policy.js';

export interface KurrentDbEventStoreOptions {
  /** Events asked of the server per $all read page. */
  readonly pageSize?: number;
  /** How long ping() waits for an answer before reporting the store unavailable. */
  readonly pingTimeoutMs?: number;
  /** Backoff for reopening a subscription that dropped. */
  readonly resubscribe?: Partial<RetryPolicy>;
  /** Told before each wait to reopen a dropped subscription, e.g. to log it. */
  readonly onResubscribe?: (attempt: ResubscribeAttempt) => void;
  /** Replaces the timer between reopen attempts (tests). */
  readonly sleep?: Sleep;
  /** How long close() waits for appends in flight to be answered before disconnecting. */
  readonly drainTimeoutMs?: number;
}

const HEAD_PAGE_SIZE = 16;
/** An append whose outcome is unknown is sent this many times in all, waiting 0.5 s, then 1 s. */
const APPEND_ATTEMPTS = 3;
const APPEND_RETRY_MS = 500;

/**
 * The event store on a KurrentDB server (or cluster) through the official gRPC client.
 * Positions are KurrentDB's own (commit, prepare) pairs; system events never come out.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly pageSize: number;
  private readonly pingTimeoutMs: number;
  private readonly feeds = new Set<ResubscribingFeed<RecordedEvent>>();
  /** Appends sent and not yet answered: close() lets them finish. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  /** @param client the KurrentDB client (or a stand-in); the store disposes it on close. */
  constructor(
    private readonly client: KurrentDbClientLike,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {
    this.pageSize = Math.max(2, options.pageSize ?? 500);
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5_000;
  }

  /** Connects lazily from `kurrentdb://…` (or the legacy `esdb://…`, and `+discover` forms). */
  static fromConnectionString(
    connectionString: string,
    options: KurrentDbEventStoreOptions = {},
  ): KurrentDbEventStore {
    if (!KURRENTDB_SCHEME.test(connectionString)) {
      throw new TypeError(`a KurrentDB connection string starts with ${KURRENTDB_SCHEMES}`);
    }
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    assertValidAppend(stream, events, expected, options);
    if (this.closed) return Promise.reject(closedError());
    if (!options?.chain) return this.appendChecked(stream, events, expected);
    const first = expected === 'no-stream' ? 0 : (expected as number) + 1;
    const chained = chainEvents(stream, events, first, options.chain.prevHash);
    return this.appendChecked(stream, chained.events, expected).then((result) => ({
      ...result,
      ...(chained.lastHash !== null && { lastHash: chained.lastHash }),
    }));
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    if (options.maxCount !== undefined && options.maxCount <= 0) return;
    const backwards = options.direction === 'backwards';
    if (backwards && options.fromRevision === 'start') {
      // Nothing lies before the first event, but a missing stream is still reported.
      await this.assertStreamExists(stream);
      return;
    }
    const source = this.client.readStream(stream, {
      // A follower may lag the leader that took the last append; a command folds what is there.
      requiresLeader: true,
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: toReadRevision(options.fromRevision, backwards),
      ...(options.maxCount !== undefined && { maxCount: options.maxCount }),
    });
    try {
      for await (const resolved of source) {
        const event = toRecordedEvent(resolved);
        if (event) yield event;
      }
    } catch (error) {
      throw fromKurrentDbError(error, { stream });
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let remaining = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (remaining <= 0) return;
    const pageSize = Math.max(2, Math.min(this.pageSize, remaining + 1));
    const events = this.scanAll(
      FORWARDS,
      options.fromPosition ?? START,
      toServerFilter(options.filter),
      pageSize,
    );
    for await (const event of events) {
      if (!matchesFilter(event, options.filter)) continue;
      yield event;
      remaining -= 1;
      if (remaining === 0) return;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const filter = options.filter;
    const feed: ResubscribingFeed<RecordedEvent> = new ResubscribingFeed<RecordedEvent>({
      from: options.fromPosition ?? START,
      open: (from) => this.openSubscription(from, filter),
      reopenWhenEnded: true,
      isTransient: (error) => !this.closed && isTransientStoreError(error),
      ...(this.options.resubscribe && { retry: this.options.resubscribe }),
      ...(this.options.sleep && { sleep: this.options.sleep }),
      ...(this.options.onResubscribe && { onResubscribe: this.options.onResubscribe }),
    });
    this.feeds.add(feed);
    return {
      [Symbol.asyncIterator]: () => feed,
      close: async () => {
        this.feeds.delete(feed);
        await feed.close();
      },
    };
  }

  async headPosition(): Promise<Position> {
    this.assertOpen();
    const newestFirst = this.scanAll(BACKWARDS, START, excludeSystemEvents(), HEAD_PAGE_SIZE);
    for await (const event of newestFirst) return event.position;
    return START;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const probe = (async () => {
      const source = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
      const iterator = source[Symbol.asyncIterator]();
      await iterator.next();
      await iterator.return?.();
    })();
    try {
      await withTimeout(
        probe,
        this.pingTimeoutMs,
        () => new StoreUnavailableError(`KurrentDB did not answer within ${this.pingTimeoutMs} ms`),
      );
    } catch (error) {
      const mapped = fromKurrentDbError(error);
      if (mapped instanceof StoreUnavailableError) throw mapped;
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreUnavailableError(`KurrentDB did not answer: ${reason}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const feeds = [...this.feeds];
    this.feeds.clear();
    await Promise.all(feeds.map((feed) => feed.close()));
    // Disposing cancels calls in flight, leaving their outcome unknown: let them finish first.
    await settledWithin([...this.inFlight], this.options.drainTimeoutMs ?? 10_000);
    await this.client.dispose();
  }

  /**
   * Appends; an append whose outcome a timeout or a dropped call left unknown (written or not)
   * is sent again as it was, the same event ids at the same expected revision, which
   * KurrentDB answers as the first write if it was done. Appends at 'any' or 'exists' have no
   * revision to make a repeat safe: they are not repeated. When every attempt fails so, the
   * error says the outcome is unknown (not "nothing was changed").
   */
  private async appendChecked(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const data = events.map(toEventData);
    const repeatable = expected !== 'any' && expected !== 'exists';
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.appendOnce(stream, data, expected);
      } catch (error) {
        const unknown = error instanceof StoreUnavailableError && error.outcomeUnknown;
        if (!unknown || !repeatable || attempt >= APPEND_ATTEMPTS || this.closed) throw error;
        await (this.options.sleep ?? sleep)(
          APPEND_RETRY_MS * attempt,
          new AbortController().signal,
        );
      }
    }
  }

  private async appendOnce(
    stream: string,
    data: readonly EventData[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    let result: ClientAppendResult;
    const call = this.client.appendToStream(stream, [...data], {
      streamState: toStreamState(expected),
    });
    this.inFlight.add(call);
    try {
      result = await call;
    } catch (error) {
      const mapped = fromKurrentDbError(error, { stream, expected });
      if (mapped instanceof StoreUnavailableError && mayHaveBeenDone(error)) {
        throw new StoreUnavailableError(
          `KurrentDB did not confirm the append to ${stream}, which may have been written: ${mapped.message}`,
          { cause: error, outcomeUnknown: true },
        );
      }
      throw mapped;
    } finally {
      this.inFlight.delete(call);
    }
    if (!result.success) {
      // Only when the connection string sets throwOnAppendFailure=false.
      const actual = result.nextExpectedRevision;
      throw new WrongExpectedRevisionError(
        stream,
        expected,
        actual < 0n ? 'no-stream' : Number(actual),
      );
    }
    const nextRevision = Number(result.nextExpectedRevision);
    const position = isUsableClientPosition(result.position)
      ? fromClientPosition(result.position)
      : await this.positionOf(stream, nextRevision);
    return { nextRevision, position };
  }

  /** The position of one stored event, for writes the server answered without one. */
  private async positionOf(stream: string, revision: number): Promise<Position> {
    for await (const event of this.readStream(stream, { fromRevision: revision, maxCount: 1 })) {
      return event.position;
    }
    throw new Error(`event ${revision} of ${stream} was written but cannot be read back`);
  }

  private async assertStreamExists(stream: string): Promise<void> {
    const first = this.readStream(stream, { maxCount: 1 })[Symbol.asyncIterator]();
    await first.next();
    await first.return?.();
  }

  /**
   * Non-system events of $all strictly beyond `from` in `direction` (START: from the
   * beginning going forwards, from the end going backwards), read a page at a time.
   * KurrentDB starts a read at an event inclusively, so each page after the first
   * begins with the event the previous one ended on; it is skipped.
   */
  private async *scanAll(
    direction: ClientDirection,
    from: Position,
    filter: Filter,
    pageSize: number,
  ): AsyncGenerator<RecordedEvent> {
    const forwards = direction === FORWARDS;
    let cursor = from;
    for (;;) {
      const fromPosition =
        cursor !== START ? toClientPosition(cursor) : forwards ? FROM_START : END;
      let read = 0;
      let last: Position | undefined;
      try {
        const page = this.client.readAll({
          requiresLeader: true,
          direction,
          fromPosition,
          maxCount: pageSize,
          filter,
        });
        for await (const resolved of page) {
          read += 1;
          const event = toRecordedEvent(resolved);
          if (!event) continue;
          last = event.position;
          if (!isBeyond(event.position, cursor, forwards) || isSystemEvent(event)) continue;
          yield event;
        }
      } catch (error) {
        throw fromKurrentDbError(error);
      }
      if (read < pageSize || last === undefined) return;
      cursor = last;
    }
  }

  private openSubscription(
    from: Position,
    filter: SubscribeToAllOptions['filter'],
  ): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let subscription: ClientSubscriptionLike;
    try {
      subscription = this.client.subscribeToAll({
        fromPosition: toReadPosition(from),
        filter: toServerFilter(filter),
      });
    } catch (error) {
      throw fromKurrentDbError(error);
    }
    return subscriptionEvents(subscription, from, filter);
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

function toEventData(event: EventToAppend): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

/** Strictly after `cursor` going forwards, strictly before it going backwards. */
function isBeyond(position: Position, cursor: Position, forwards: boolean): boolean {
  if (cursor === START) return true;
  return forwards ? isAfter(position, cursor) : position < cursor;
}

function closedError(): StoreUnavailableError {
  return new StoreUnavailableError('the event store is closed');
}

/** Waits until every promise has settled, or `ms` has passed. */
async function settledWithin(promises: readonly Promise<unknown>[], ms: number): Promise<void> {
  if (promises.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([Promise.allSettled(promises), limit]).finally(() => clearTimeout(timer));
}
