import {
  StreamNotFoundError as ClientStreamNotFoundError,
  type AppendResult as ClientAppendResult,
  type AppendToStreamOptions,
  type EventData,
  type Filter,
  type Position as ClientPosition,
  type ReadAllOptions as ClientReadAllOptions,
  type ReadStreamOptions as ClientReadStreamOptions,
  type SubscribeToAllOptions as ClientSubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import type {
  ClientRecordedEventLike,
  ClientResolvedEventLike,
  ClientSubscriptionLike,
  KurrentDbClientLike,
} from '../../../src/event-store/kurrentdb/kurrentdb-client-like.js';

/** A stored event of the fake log; its position is (commit = prepare = 100 * n). */
export function recorded(
  n: number,
  fields: Partial<ClientRecordedEventLike> = {},
): ClientRecordedEventLike {
  return {
    streamId: 'mission-1',
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    revision: BigInt(n),
    type: 'Happened',
    created: new Date(Date.UTC(2024, 0, 1, 0, 0, n)),
    data: { n },
    metadata: undefined,
    position: pos(n),
    ...fields,
  };
}

export function pos(n: number): ClientPosition {
  return { commit: BigInt(n * 100), prepare: BigInt(n * 100) };
}

function compare(a: ClientPosition, b: ClientPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

function passes(event: ClientRecordedEventLike, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? event.streamId : event.type;
  if ('prefixes' in filter) return filter.prefixes.some((p) => subject.startsWith(p));
  return new RegExp(filter.regex).test(subject);
}

/**
 * A hand-driven subscription: it replays the log after its start position, then
 * waits for push(); fail() and end() make the next pull throw or finish.
 */
export class FakeSubscription implements ClientSubscriptionLike {
  readonly queue: ClientResolvedEventLike[] = [];
  unsubscribed = false;
  pulls = 0;
  private failure: unknown;
  private ended = false;
  private wake: () => void = () => undefined;

  constructor(readonly options: ClientSubscribeToAllOptions) {}

  push(...events: ClientResolvedEventLike[]): void {
    this.queue.push(...events);
    this.wake();
  }

  fail(error: unknown): void {
    this.failure = error;
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ClientResolvedEventLike> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        this.pulls += 1;
        yield next;
        continue;
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}

/** An in-memory stand-in for KurrentDBClient with KurrentDB's read semantics. */
export class FakeKurrentDbClient implements KurrentDbClientLike {
  /** $all in commit order, system events included. */
  readonly log: ClientRecordedEventLike[] = [];
  readonly appends: { stream: string; events: EventData[]; options: AppendToStreamOptions }[] = [];
  readonly readAllCalls: ClientReadAllOptions[] = [];
  readonly readStreamCalls: { stream: string; options: ClientReadStreamOptions }[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  /** Answers the next append; by default a success at revision 0, position 100. */
  appendAnswer: () => Promise<ClientAppendResult> = async () => ({
    success: true,
    nextExpectedRevision: 0n,
    position: pos(1),
  });
  /** When set, every read fails with it. */
  readFailure: unknown;
  /** When set, reads never answer. */
  readHangs = false;
  disposed = false;

  async appendToStream(
    stream: string,
    events: EventData[],
    options: AppendToStreamOptions,
  ): Promise<ClientAppendResult> {
    this.appends.push({ stream, events, options });
    return this.appendAnswer();
  }

  readStream(
    stream: string,
    options: ClientReadStreamOptions,
  ): AsyncIterable<ClientResolvedEventLike> {
    this.readStreamCalls.push({ stream, options });
    return this.streamEvents(stream, options);
  }

  readAll(options: ClientReadAllOptions): AsyncIterable<ClientResolvedEventLike> {
    this.readAllCalls.push(options);
    return this.allEvents(options);
  }

  private async *streamEvents(
    stream: string,
    options: ClientReadStreamOptions,
  ): AsyncGenerator<ClientResolvedEventLike> {
    await this.gate();
    const events = this.log.filter((e) => e.streamId === stream);
    if (events.length === 0) throw new ClientStreamNotFoundError(undefined, stream);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? 'start';
    let selected = events.filter((e) => {
      if (from === 'start') return !backwards || e.revision <= 0n;
      if (from === 'end') return backwards;
      return backwards ? e.revision <= from : e.revision >= from;
    });
    if (backwards) selected = selected.reverse();
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    for (const event of selected.slice(0, max)) yield { event };
  }

  private async *allEvents(options: ClientReadAllOptions): AsyncGenerator<ClientResolvedEventLike> {
    await this.gate();
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? 'start';
    let selected = this.log.filter((e) => {
      const p = e.position ?? pos(0);
      if (from === 'start') return !backwards;
      if (from === 'end') return backwards;
      // KurrentDB starts a read at `from` inclusively.
      return backwards ? compare(p, from) <= 0 : compare(p, from) >= 0;
    });
    if (backwards) selected = selected.reverse();
    selected = selected.filter((e) => passes(e, options.filter));
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    for (const event of selected.slice(0, max)) yield { event };
  }

  subscribeToAll(options: ClientSubscribeToAllOptions): FakeSubscription {
    const subscription = new FakeSubscription(options);
    const from = options.fromPosition ?? 'start';
    for (const event of this.log) {
      const p = event.position ?? pos(0);
      // KurrentDB subscriptions start strictly after `from`.
      const after = from === 'start' || (from !== 'end' && compare(p, from) > 0);
      if (after && passes(event, options.filter)) subscription.queue.push({ event });
    }
    this.subscriptions.push(subscription);
    return subscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private async gate(): Promise<void> {
    if (this.readHangs) await new Promise<never>(() => undefined);
    if (this.readFailure !== undefined) throw this.readFailure;
  }
}
