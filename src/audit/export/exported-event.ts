import type { EventToAppend, RecordedEvent } from '../../event-store/event-store.port.js';
import { isJsonObject } from '../../shared/json.js';

/**
 * One line of an export: an event exactly as stored (data at its stored schema version,
 * metadata with its hashes). The store's own position and commit time are left out: they
 * belong to the store, and a target store assigns its own. Lines are in commit order.
 */
export interface ExportedEvent extends EventToAppend {
  readonly stream: string;
  readonly revision: number;
}

/** The line for one event (no newline), keys in a fixed order. */
export function exportLine(event: RecordedEvent): string {
  const line: ExportedEvent = {
    stream: event.stream,
    revision: event.revision,
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
  return JSON.stringify(line);
}

/** An export line read back; throws a message naming what is wrong. */
export function parseExportLine(text: string): ExportedEvent {
  const value = jsonOfLine(text);
  const line = value as Partial<Record<keyof ExportedEvent, unknown>> | null;
  if (typeof line !== 'object' || line === null || Array.isArray(line)) {
    throw new TypeError('not a JSON object');
  }
  if (typeof line.stream !== 'string' || line.stream === '') throw new TypeError('no stream');
  if (typeof line.revision !== 'number' || !Number.isInteger(line.revision) || line.revision < 0) {
    throw new TypeError('no revision');
  }
  if (typeof line.id !== 'string' || line.id === '') throw new TypeError('no id');
  if (typeof line.type !== 'string' || line.type === '') throw new TypeError('no type');
  if (!isJsonObject(line.data)) throw new TypeError('data is not an object');
  if (!isJsonObject(line.metadata)) throw new TypeError('metadata is not an object');
  return {
    stream: line.stream,
    revision: line.revision,
    id: line.id,
    type: line.type,
    data: line.data,
    metadata: line.metadata,
  };
}

/** A line's JSON value; a TypeError 'not JSON' when it is not JSON. */
export function jsonOfLine(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TypeError('not JSON');
  }
}
