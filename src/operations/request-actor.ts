import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/role.js';

const actors = new WeakMap<IncomingMessage, Principal>();

/** Remembers who made a request (its token's name and role), for the request log line. */
export function rememberActor(raw: IncomingMessage, principal: Principal): void {
  actors.set(raw, principal);
}

export function actorOf(raw: IncomingMessage): Principal | undefined {
  return actors.get(raw);
}
