import type { FastifyReply } from 'fastify';
import type { CommandOutcome, DomainEvent } from '../command-handling/decider-command-runner.js';
import type { Position } from '../event-store/position.js';

export interface CommandResponseBody {
  readonly revision: number;
  readonly position: Position;
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
  reply.header('ETag', `"${outcome.revision}"`);
  if (response.location) reply.header('Location', response.location);
  if (outcome.repeated) reply.header('Idempotent-Replayed', 'true');
  return { ...response.body, revision: outcome.revision, position: outcome.position };
}
