import type { RecordedEvent } from '../event-store.port.js';
import type { JsonObject, JsonValue } from '../../shared/json.js';
import { EVENT_SCHEMAS } from './event-schemas.js';

/** The schema version an event was stored with (events from before versioning: 1). */
export function storedSchemaVersion(metadata: JsonObject): number {
  const version = metadata.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1;
}

/**
 * The event's data at its type's current schema version. Data already current (or from a
 * newer writer) comes back as it is, the same object.
 */
export function upcastData(type: string, data: JsonObject, storedVersion: number): JsonObject {
  const schema = EVENT_SCHEMAS.get(type);
  if (!schema || storedVersion >= schema.version) return data;
  let upcast = data;
  for (let version = storedVersion; version < schema.version; version += 1) {
    const step = schema.upcasters.get(version);
    if (!step) throw new Error(`no upcaster for ${type} from schema version ${version}`);
    upcast = step(upcast);
  }
  return upcast;
}

/** A domain event `{ type, data }` read with this metadata, at its current schema version. */
export function upcast<Event extends { readonly type: string; readonly data: JsonObject }>(
  event: Event,
  metadata: JsonObject,
): Event {
  const data = upcastData(event.type, event.data, storedSchemaVersion(metadata));
  return data === event.data ? event : { ...event, data };
}

/**
 * A recorded event as readers (domain, projections, history, replay) see it: data at the
 * current schema version; metadata then says `schemaVersion` (current) and
 * `upcastFrom` (as stored). The hash chain is verified on the stored form, never on this.
 */
export function upcastRecorded(recorded: RecordedEvent): RecordedEvent {
  const stored = storedSchemaVersion(recorded.metadata);
  const data = upcastData(recorded.type, recorded.data, stored);
  if (data === recorded.data) return recorded;
  const current = EVENT_SCHEMAS.get(recorded.type)?.version ?? stored;
  const metadata: Record<string, JsonValue> = {
    ...recorded.metadata,
    schemaVersion: current,
    upcastFrom: stored,
  };
  return { ...recorded, data, metadata, dataJson: undefined };
}
