import { currentSchemaVersion } from '../event-store/event-schema/event-schemas.js';
import type { JsonObject } from '../shared/json.js';
import type { CommandContext } from './command-context.js';

/**
 * The metadata every event the service appends carries: when it was recorded, by whom, why
 * (correlation, causation, command, Idempotency-Key and request hash) and the schema version
 * of `eventType`'s data.
 */
export function eventMetadata(
  command: string,
  context: CommandContext,
  eventType: string,
): JsonObject {
  const metadata: JsonObject = {
    recordedAt: context.now.toISOString(),
    actor: context.actor.name,
    actorRole: context.actor.role,
    correlationId: context.correlationId,
    causationId: context.causationId,
    command,
    schemaVersion: currentSchemaVersion(eventType),
  };
  if (context.idempotencyKey !== undefined) metadata.idempotencyKey = context.idempotencyKey;
  if (context.requestHash !== undefined) metadata.requestHash = context.requestHash;
  return metadata;
}
