import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { CommandContext } from './command-context.js';

/**
 * The id of a resource a command creates (a meeting, a diplomat). Under an
 * Idempotency-Key it is derived from the caller and key, so a retried request names
 * the same resource and the runner finds what it recorded the first time.
 */
export function newResourceId(context: CommandContext, namespace: string): string {
  if (context.idempotencyKey === undefined) return randomUUID();
  return uuidv5(`${context.actor.name}\n${context.idempotencyKey}`, namespace);
}
