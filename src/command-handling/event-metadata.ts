import { currentSchemaVersion } from '../shared/event-schema/event-schemas.js';
import type { JsonObject } from '../shared/json.js';
import type { CommandContext } from './command-context.js';

/** The metadata every event the service appends carries. */
export interface EventMetadata {
  readonly recordedAt: string;
  readonly actor: string;
  readonly actorRole: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly command: string;
  readonly schemaVersion: number;
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
}

/** `schemaVersion` is `eventType`'s current schema version (1 when no type is given). */
export function eventMetadata(
  command: string,
  context: CommandContext,
  eventType?: string,
): JsonObject {
  const metadata: JsonObject = {
    recordedAt: context.now.toISOString(),
    actor: context.actor.name,
    actorRole: context.actor.role,
    correlationId: context.correlationId,
    causationId: context.causationId,
    command,
    schemaVersion: eventType === undefined ? 1 : currentSchemaVersion(eventType),
  };
  if (context.idempotencyKey !== undefined) metadata.idempotencyKey = context.idempotencyKey;
  if (context.requestHash !== undefined) metadata.requestHash = context.requestHash;
  return metadata;
}
