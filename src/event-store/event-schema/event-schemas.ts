import { diplomatDispatchedV1ToV2 } from '../../missions/domain/diplomat-dispatched.v1.js';
import type { JsonObject } from '../../shared/json.js';

/** Turns the data of one schema version of an event type into the next version's. */
export type Upcaster = (data: JsonObject) => JsonObject;

export interface EventTypeSchema {
  /** The version the service writes today. */
  readonly version: number;
  /** `upcasters.get(v)` turns version v into v + 1, for every v below `version`. */
  readonly upcasters: ReadonlyMap<number, Upcaster>;
}

/**
 * The schema version of every event type. A type not listed is at version 1: list it here
 * (with an upcaster from each older version) the day its data changes shape. Stored events
 * are never rewritten; readers see the current version through `upcast`.
 */
export const EVENT_SCHEMAS: ReadonlyMap<string, EventTypeSchema> = new Map([
  ['DiplomatDispatched', { version: 2, upcasters: new Map([[1, diplomatDispatchedV1ToV2]]) }],
]);

/** The version the service writes for this event type today. */
export function currentSchemaVersion(type: string): number {
  return EVENT_SCHEMAS.get(type)?.version ?? 1;
}
