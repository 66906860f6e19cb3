import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import { IdempotencyKeyReusedError } from '../command-handling/command-errors.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
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
    @Inject(EVENT_STORE) private readonly store: EventStore,
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
    let reused;
    try {
      earlier = this.records.find(keyed.actor, keyed.key);
      reused = earlier === undefined && this.recordedForAnotherRequest(keyed);
    } catch (error) {
      release();
      throw error;
    }
    if (earlier === undefined && !reused) {
      this.inFlight.answering(request, keyed, release);
      return true;
    }
    release();
    // No kept answer here means the store's index named another request (reused).
    if (earlier === undefined || earlier.requestHash !== keyed.requestHash) {
      throw new IdempotencyKeyReusedError(keyed.key);
    }
    reply.header('Idempotent-Replayed', 'true');
    if (earlier.status >= 400) {
      throw new ProblemException(JSON.parse(earlier.body) as Problem, earlier.headers);
    }
    throw new PreparedAnswer(earlier.status, earlier.headers, earlier.body);
  }

  /**
   * A key with no kept answer here whose events the store indexes under another request
   * (its answer lost to a kill before it was kept, or kept on another node or in a file set
   * aside by a restore). The same request goes on: the command finds its own events.
   */
  private recordedForAnotherRequest(keyed: KeyedRequest): boolean {
    const recorded = this.store.keyedStream?.(keyed.actor, keyed.key);
    return (
      recorded !== undefined &&
      recorded.requestHash !== null &&
      recorded.requestHash !== keyed.requestHash
    );
  }
}
