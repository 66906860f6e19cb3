import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ids = new WeakMap<IncomingMessage, string>();

/**
 * What caused the events a request's command records: the request itself, by an id of its
 * own (`request:<uuid>`; one correlation id may span many requests). The request log line of
 * every POST names it too (`causationId`), its client's leaving before the answer included, so
 * an auditor goes from an event to the request that asked for it: who, when, from where, with
 * what answer.
 */
export function causationIdOfRequest(raw: IncomingMessage): string {
  let id = ids.get(raw);
  if (id === undefined) {
    id = `request:${randomUUID()}`;
    ids.set(raw, id);
  }
  return id;
}
