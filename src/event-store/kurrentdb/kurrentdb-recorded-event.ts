import { Buffer } from 'node:buffer';
import { isJsonObject, parseJsonObject, type JsonObject } from '../../shared/json.js';
import type { RecordedEvent } from '../event-store.port.js';
import type { ClientResolvedEventLike } from './kurrentdb-client-like.js';
import { fromClientPosition, isUsableClientPosition } from './kurrentdb-position.js';

/**
 * A client ResolvedEvent as our RecordedEvent; undefined for a link whose target
 * event no longer exists.
 */
export function toRecordedEvent(resolved: ClientResolvedEventLike): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  if (!isUsableClientPosition(event.position)) {
    throw new Error(
      `KurrentDB returned event ${event.id} of ${event.streamId} without a usable position (server older than 22.6?)`,
    );
  }
  return {
    id: event.id,
    type: event.type,
    stream: event.streamId,
    revision: Number(event.revision),
    position: fromClientPosition(event.position),
    data: toJsonObject(event.data),
    metadata: toJsonObject(event.metadata),
    recordedAt: toIsoDate(event.created),
  };
}

/**
 * The client parses JSON payloads itself but hands over bytes when the content type is
 * not JSON or the payload does not parse; anything that is not a JSON object becomes {}.
 */
export function toJsonObject(value: unknown): JsonObject {
  if (value instanceof Uint8Array) {
    return parseJsonObject(Buffer.from(value).toString('utf8')).value ?? {};
  }
  if (typeof value === 'string') return parseJsonObject(value).value ?? {};
  return isJsonObject(value) ? value : {};
}

function toIsoDate(created: Date): string {
  return Number.isNaN(created.getTime()) ? new Date(0).toISOString() : created.toISOString();
}
