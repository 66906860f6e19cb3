import type { RecordedEvent } from '../event-store/event-store.port.js';
import { currentSchemaVersion } from '../event-store/event-schema/event-schemas.js';
import { storedSchemaVersion, upcastData } from '../event-store/event-schema/upcast.js';
import type { JsonObject } from '../shared/json.js';

/**
 * One event as an auditor reads it: what happened (type, data at its current schema
 * version, `occurredOn`), when and by whom it was recorded, what caused it, and its link
 * in the stream's hash chain. `metadata` is the stored metadata, exactly as hashed.
 */
export interface AuditEvent {
  readonly position: string;
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  /** The schema version `data` is shown at (the type's current one). */
  readonly schemaVersion: number;
  /** The schema version the event was stored with; older ones are upcast on read. */
  readonly storedSchemaVersion: number;
  readonly data: JsonObject;
  /** When the fact happened (the event's `occurredOn`), if the event says. */
  readonly occurredOn: string | null;
  /** When the service recorded it (metadata, covered by the hash). */
  readonly recordedAt: string;
  /** When the store committed it (the store's clock, not covered by the hash). */
  readonly committedAt: string;
  readonly actor: string | null;
  readonly actorRole: string | null;
  readonly command: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly prevHash: string | null;
  readonly hash: string | null;
  readonly metadata: JsonObject;
  /**
   * Only on an event whose stored data or metadata is no longer JSON (damaged after it was
   * recorded): what does not parse. Its `data` and `metadata` are then `{}`.
   */
  readonly damaged?: string;
}

export function toAuditEvent(recorded: RecordedEvent): AuditEvent {
  const { metadata } = recorded;
  const stored = storedSchemaVersion(metadata);
  // A damaged event's data is not what was recorded: shown as it is read, never upcast.
  const data =
    recorded.damaged === undefined
      ? upcastData(recorded.type, recorded.data, stored)
      : recorded.data;
  return {
    position: recorded.position,
    stream: recorded.stream,
    revision: recorded.revision,
    id: recorded.id,
    type: recorded.type,
    schemaVersion: data === recorded.data ? stored : currentSchemaVersion(recorded.type),
    storedSchemaVersion: stored,
    data,
    occurredOn: text(data.occurredOn),
    recordedAt: recordedAtOf(recorded),
    committedAt: recorded.recordedAt,
    actor: text(metadata.actor),
    actorRole: text(metadata.actorRole),
    command: text(metadata.command),
    correlationId: text(metadata.correlationId),
    causationId: text(metadata.causationId),
    prevHash: text(metadata.prevHash),
    hash: text(metadata.hash),
    metadata,
    ...(recorded.damaged === undefined ? {} : { damaged: recorded.damaged }),
  };
}

/** When the service recorded the event: its metadata says; the store's commit time otherwise. */
export function recordedAtOf(recorded: Pick<RecordedEvent, 'metadata' | 'recordedAt'>): string {
  const stated = recorded.metadata.recordedAt;
  return typeof stated === 'string' && !Number.isNaN(Date.parse(stated))
    ? stated
    : recorded.recordedAt;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
