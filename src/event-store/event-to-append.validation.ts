import type { AppendOptions, EventToAppend, ExpectedRevision } from './event-store.port.js';

/** Programming errors caught before anything is queued or sent: they are never a store fault. */
export function assertValidAppend(
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  options?: AppendOptions,
): void {
  if (typeof stream !== 'string' || stream.length === 0 || stream.startsWith('$')) {
    throw new TypeError(`invalid stream name: ${JSON.stringify(stream)}`);
  }
  if (events.length === 0) throw new TypeError('append needs at least one event');
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new TypeError(`invalid expected revision: ${expected}`);
  }
  if (options?.chain && typeof expected !== 'number' && expected !== 'no-stream') {
    throw new TypeError(`a chained append needs a numeric or 'no-stream' expected revision`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || event.id.length === 0) {
      throw new TypeError('every event needs an id');
    }
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
      throw new TypeError(`invalid event type: ${JSON.stringify(event.type)}`);
    }
    if (ids.has(event.id)) throw new TypeError(`event id ${event.id} appears twice in one append`);
    ids.add(event.id);
  }
}
