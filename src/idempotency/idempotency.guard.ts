import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import { IdempotencyKeyReusedError } from '../command-handling/command-errors.js';
import { PreparedAnswer } from '../http/prepared-answer.js';
import { ProblemException, type Problem } from '../http/problem.js';
import { idempotencyKeyOf } from '../http/request-headers.js';
import { requestHashOf } from '../http/request-hash.js';
import { AnswersInFlight, type KeyedRequest } from './answers-in-flight.js';
import { IdempotencyRecords } from './idempotency-records.js';

/**
 * Idempotency-Key on POST: a key this caller used before gets its kept answer again (a
 * success or a final refusal) when the request is the same, and a 422 when it is not;
 * neither the pipes nor the handler run. A new key goes on to the handler, and its answer
 * is kept as it is sent (recordKeptAnswers). A guard rather than an interceptor: Nest runs
 * interceptors through rxjs, which cost a command more than the whole check.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(
    @Inject(IdempotencyRecords) private readonly records: IdempotencyRecords,
    @Inject(AnswersInFlight) private readonly inFlight: AnswersInFlight,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    if (request.method !== 'POST' || !request.principal) return true;
    const key = idempotencyKeyOf(request);
    if (key === undefined) return true;
    const keyed = { actor: request.principal.name, key, requestHash: requestHashOf(request) };
    return this.admit(request, http.getResponse<FastifyReply>(), keyed);
  }

  private async admit(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    keyed: KeyedRequest,
  ): Promise<boolean> {
    const release = await this.inFlight.hold(keyed);
    let earlier;
    try {
      earlier = this.records.find(keyed.actor, keyed.key);
    } catch (error) {
      release();
      throw error;
    }
    if (earlier === undefined) {
      this.inFlight.answering(request, keyed, release);
      return true;
    }
    release();
    if (earlier.requestHash !== keyed.requestHash) throw new IdempotencyKeyReusedError(keyed.key);
    reply.header('Idempotent-Replayed', 'true');
    if (earlier.status >= 400) {
      throw new ProblemException(JSON.parse(earlier.body) as Problem, earlier.headers);
    }
    throw new PreparedAnswer(earlier.status, earlier.headers, earlier.body);
  }
}
