import type { FastifyReply } from 'fastify';
import type { CommandOutcome, DomainEvent } from '../command-handling/decider-command-runner.js';
import type { Position } from '../event-store/position.js';
import { etagOf } from './request-headers.js';

export interface CommandResponseBody {
  readonly revision: number;
  readonly position: Position;
}

/** Answers to commands that recorded no event (nothing needed to change). */
const changedNothing = new WeakSet<FastifyReply>();

/** Whether the reply answers a command that recorded no event, so no event keeps its key. */
export function recordedNoEvent(reply: FastifyReply): boolean {
  return changedNothing.has(reply);
}

/**
 * Every command answers with the stream's new revision and position, and the revision
 * as ETag for the next If-Match. 201 (with Location) when the command created what it
 * names; 200 when it changed an existing resource or nothing needed to change. A retry the
 * runner answered from the events its key recorded (its kept answer lost, e.g. in a restore
 * or an import) says so, as a kept answer's replay does.
 */
export function commandResponse<Body extends object>(
  reply: FastifyReply,
  outcome: CommandOutcome<DomainEvent>,
  response: { readonly created: boolean; readonly location?: string; readonly body: Body },
): Body & CommandResponseBody {
  reply.status(response.created ? 201 : 200);
  reply.header('ETag', etagOf(outcome.revision));
  if (response.location) reply.header('Location', response.location);
  if (outcome.repeated) reply.header('Idempotent-Replayed', 'true');
  else if (outcome.events.length === 0) changedNothing.add(reply);
  return { ...response.body, revision: outcome.revision, position: outcome.position };
}
