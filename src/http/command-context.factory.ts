import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import type { CommandContext } from '../command-handling/command-context.js';
import { causationIdOfRequest } from './causation-id.js';
import { correlationIdOf } from './correlation-id.js';
import { expectedRevisionOf, idempotencyKeyOf } from './request-headers.js';
import { requestHashOf } from './request-hash.js';

/** Everything a command records about the HTTP request that asked for it. */
function commandContextOf(request: AuthenticatedRequest): CommandContext {
  const principal = request.principal;
  if (!principal) throw new Error('a command route must be behind the auth guard');
  const idempotencyKey = idempotencyKeyOf(request);
  return {
    actor: { name: principal.name, role: principal.role },
    correlationId: correlationIdOf(request),
    causationId: causationIdOfRequest(request.raw),
    idempotencyKey,
    requestHash: idempotencyKey === undefined ? undefined : requestHashOf(request),
    expectedRevision: expectedRevisionOf(request),
    now: new Date(),
  };
}

/** Injects the CommandContext of the current request into a controller method. */
export const CommandRequest = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CommandContext =>
    commandContextOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
