import { randomUUID } from 'node:crypto';
import { parse as parseUuid, v5 as uuidv5 } from 'uuid';
import type { CommandContext } from './command-context.js';

/** Each namespace parsed once: uuid parses a namespace given as text on every call. */
const namespaceBytes = new Map<string, Uint8Array>();

/**
 * The id of a resource a command creates (a meeting, a diplomat). Under an
 * Idempotency-Key it is derived from the caller and key, so a retried request names
 * the same resource and the runner finds what it recorded the first time.
 */
export function newResourceId(context: CommandContext, namespace: string): string {
  if (context.idempotencyKey === undefined) return randomUUID();
  let bytes = namespaceBytes.get(namespace);
  if (!bytes) {
    bytes = parseUuid(namespace);
    namespaceBytes.set(namespace, bytes);
  }
  return uuidv5(`${context.actor.name}\n${context.idempotencyKey}`, bytes);
}
