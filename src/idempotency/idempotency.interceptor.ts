import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import { IdempotencyKeyReusedError } from '../command-handling/command-errors.js';
import { KeyedQueue } from '../command-handling/keyed-queue.js';
import { ProblemException, type Problem } from '../http/problem.js';
import { idempotencyKeyOf } from '../http/request-headers.js';
import { requestHashOf } from '../http/request-hash.js';
import { toProblem } from '../http/to-problem.js';
import { IdempotencyRecords } from './idempotency-records.js';

/**
 * Answers that are final for a request: a retry of it must get them again. Not a 412: it
 * answers the caller's If-Match, which is not part of the request the key names, so a retry
 * with the same key and a fresh If-Match is decided again (the 412 recorded nothing).
 */
const FINAL_REFUSALS = new Set([404, 409, 422]);
const REPLAYED_HEADERS = ['location', 'etag'];

/**
 * Idempotency-Key on POST: the first answer (success or final refusal) is recorded per
 * caller and key; the same key with the same request gets it again, with another
 * request a 422. Errors that may pass (503, 5xx) and a stale If-Match (412) are not recorded.
 * Requests with the same caller and key are answered one at a time on a node, so copies sent
 * together get the first one's answer rather than being decided again on other facts.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly perKey = new KeyedQueue();

  constructor(@Inject(IdempotencyRecords) private readonly records: IdempotencyRecords) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (request.method !== 'POST' || !request.principal) return next.handle();
    const key = idempotencyKeyOf(request);
    if (key === undefined) return next.handle();
    const actor = request.principal.name;
    const requestHash = requestHashOf(request);
    return from(
      this.perKey.run(`${actor}\n${key}`, () =>
        this.answer({ request, reply, actor, key, requestHash }, next),
      ),
    );
  }

  private async answer(keyed: Keyed, next: CallHandler): Promise<unknown> {
    const { request, reply, actor, key, requestHash } = keyed;
    const earlier = this.records.find(actor, key);
    if (earlier) {
      if (earlier.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
      reply.header('Idempotent-Replayed', 'true');
      if (earlier.status >= 400)
        throw new ProblemException(earlier.body as Problem, earlier.headers);
      reply.status(earlier.status).headers(earlier.headers);
      return earlier.body;
    }
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      const { problem, headers } = toProblem(error);
      if (FINAL_REFUSALS.has(problem.status) && !(error instanceof IdempotencyKeyReusedError)) {
        const refusal = { ...problem, instance: request.url.split('?')[0] };
        this.records.save({
          actor,
          key,
          requestHash,
          status: problem.status,
          body: refusal,
          headers,
        });
      }
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    this.records.save({ actor, key, requestHash, status: reply.statusCode, body, headers });
    return body;
  }
}

/** A request that carries an Idempotency-Key, and who sent it. */
interface Keyed {
  readonly request: AuthenticatedRequest;
  readonly reply: FastifyReply;
  readonly actor: string;
  readonly key: string;
  readonly requestHash: string;
}
