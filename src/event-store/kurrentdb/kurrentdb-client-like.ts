import type {
  AppendResult as ClientAppendResult,
  AppendToStreamOptions,
  EventData,
  Position as ClientPosition,
  ReadAllOptions as ClientReadAllOptions,
  ReadStreamOptions as ClientReadStreamOptions,
  SubscribeToAllOptions as ClientSubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';

/** The fields of a client recorded event the adapter reads. */
export interface ClientRecordedEventLike {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly position?: ClientPosition;
}

/** A client ResolvedEvent: `event` is absent for a link whose target is gone. */
export interface ClientResolvedEventLike {
  readonly event?: ClientRecordedEventLike;
}

/** A live $all subscription: pulled as an async iterable, stopped with unsubscribe(). */
export interface ClientSubscriptionLike extends AsyncIterable<ClientResolvedEventLike> {
  unsubscribe(): Promise<void>;
}

/**
 * The part of KurrentDBClient the adapter uses. The real client satisfies it; unit
 * tests pass a fake.
 */
export interface KurrentDbClientLike {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: AppendToStreamOptions,
  ): Promise<ClientAppendResult>;
  readStream(
    streamName: string,
    options: ClientReadStreamOptions,
  ): AsyncIterable<ClientResolvedEventLike>;
  readAll(options: ClientReadAllOptions): AsyncIterable<ClientResolvedEventLike>;
  subscribeToAll(options: ClientSubscribeToAllOptions): ClientSubscriptionLike;
  dispose(): Promise<void>;
}
