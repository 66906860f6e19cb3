import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ids = new WeakMap<IncomingMessage, string>();

/**
 * What caused the events a request's command records: the request itself, by an id of its
 * own (`request:<uuid>`; one correlation id may span many requests). Its request log line
 * names it too (`causationId`), so an auditor goes from an event to the request that asked
 * for it: who, when, from where, with what answer.
 */
export function causationIdOfRequest(raw: IncomingMessage): string {
  let id = ids.get(raw);
  if (id === undefined) {
    id = `request:${randomUUID()}`;
    ids.set(raw, id);
  }
  return id;
}

/** The causation id of a request that ran a command, if it did. */
export function causationIdIfAny(raw: IncomingMessage): string | undefined {
  return ids.get(raw);
}
