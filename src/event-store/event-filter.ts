import type { EventFilter } from './event-store.port.js';

/** System events ($-prefixed types or streams) never reach the application. */
export function isSystemEvent(event: { readonly type: string; readonly stream: string }): boolean {
  return event.type.startsWith('$') || event.stream.startsWith('$');
}

export function matchesFilter(
  event: { readonly type: string; readonly stream: string },
  filter: EventFilter | undefined,
): boolean {
  if (isSystemEvent(event)) return false;
  if (!filter) return true;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.stream.startsWith(p))) {
    return false;
  }
  return true;
}
