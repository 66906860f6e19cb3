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

export function eventMetadata(command: string, context: CommandContext): JsonObject {
  const metadata: JsonObject = {
    recordedAt: context.now.toISOString(),
    actor: context.actor.name,
    actorRole: context.actor.role,
    correlationId: context.correlationId,
    causationId: context.causationId,
    command,
    schemaVersion: 1,
  };
  if (context.idempotencyKey !== undefined) metadata.idempotencyKey = context.idempotencyKey;
  if (context.requestHash !== undefined) metadata.requestHash = context.requestHash;
  return metadata;
}
