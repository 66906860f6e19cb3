import { matchesFilter } from '../event-filter.js';
import type { EventFilter, RecordedEvent } from '../event-store.port.js';
import type { Position } from '../position.js';
import type { ClientResolvedEventLike, ClientSubscriptionLike } from './kurrentdb-client-like.js';
import { fromKurrentDbError } from './kurrentdb-errors.js';
import { isAfter } from './kurrentdb-position.js';
import { toRecordedEvent } from './kurrentdb-recorded-event.js';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * One client subscription as our events: pulled one at a time from the client's
 * stream (whose buffer then holds back the server), strictly after `after`, without
 * system events or events the filter rejects, with client errors translated.
 * return() unsubscribes at once, even while a pull is pending.
 */
export function subscriptionEvents(
  subscription: ClientSubscriptionLike,
  after: Position,
  filter: EventFilter | undefined,
): AsyncIterableIterator<RecordedEvent> {
  const source: AsyncIterator<ClientResolvedEventLike> = subscription[Symbol.asyncIterator]();
  let stopped = false;

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      void Promise.resolve(source.return?.()).catch(() => undefined);
      await subscription.unsubscribe();
    } catch {
      // The subscription is gone either way.
    }
  };

  const iterator: AsyncIterableIterator<RecordedEvent> = {
    [Symbol.asyncIterator]: () => iterator,
    async next(): Promise<IteratorResult<RecordedEvent, undefined>> {
      while (!stopped) {
        let result: IteratorResult<ClientResolvedEventLike>;
        try {
          result = await source.next();
        } catch (error) {
          void stop();
          throw fromKurrentDbError(error);
        }
        if (result.done || stopped) {
          void stop();
          return DONE;
        }
        const event = toRecordedEvent(result.value);
        if (!event || !isAfter(event.position, after) || !matchesFilter(event, filter)) continue;
        return { done: false, value: event };
      }
      return DONE;
    },
    async return(): Promise<IteratorResult<RecordedEvent, undefined>> {
      await stop();
      return DONE;
    },
  };
  return iterator;
}
