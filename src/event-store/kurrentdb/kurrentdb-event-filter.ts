import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
} from '@kurrent/kurrentdb-client';
import type { EventFilter } from '../event-store.port.js';

/**
 * The server-side narrowing of a $all read or subscription. The server takes one
 * filter, so this is a superset of what the caller asked for (stream prefixes win
 * over event types, and types are matched as prefixes); matchesFilter applies the
 * exact filter and drops system events on our side.
 */
export function toServerFilter(filter: EventFilter | undefined): Filter {
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  }
  if (filter?.eventTypes && filter.eventTypes.length > 0) {
    return eventTypeFilter({ prefixes: [...filter.eventTypes] });
  }
  return excludeSystemEvents();
}
