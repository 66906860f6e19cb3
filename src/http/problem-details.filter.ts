import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { correlationIdOfRaw } from './correlation-id.js';
import { PreparedAnswer } from './prepared-answer.js';
import {
  CLIENT_CAUSED_5XX,
  PROBLEM_CONTENT_TYPE,
  ProblemTypes,
  problemTypeUri,
} from './problem.js';
import { bodyUnread } from './request-body.js';
import { toProblem } from './to-problem.js';

/** What the JSON body parser refuses once it has the whole body (see parseJsonBody). */
const PARSER_REFUSALS: ReadonlySet<string> = new Set(
  [ProblemTypes.malformedJson, ProblemTypes.unsupportedMediaType].map(({ slug }) =>
    problemTypeUri(slug),
  ),
);

/** 5xx answers that are no failure of the service, so not logged as errors. */
const NOT_FAILURES: ReadonlySet<number> = new Set([
  ...CLIENT_CAUSED_5XX,
  503, // shutting down, or the event store unavailable
]);

/** What Fastify names a JSON answer it serialized itself. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Every error leaves the service as application/problem+json. A request no route takes is
 * answered before it reaches a handler, and before its body is read (answerUnroutedBeforeBody).
 * A PreparedAnswer a guard threw is sent as it is.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    if (error instanceof PreparedAnswer) {
      http
        .getResponse<FastifyReply>()
        .status(error.status)
        .headers(error.headers)
        .header('Content-Type', JSON_CONTENT_TYPE)
        .send(error.body);
      return;
    }
    sendProblem(
      error,
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
      this.logger,
    );
  }
}

export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Logger,
): void {
  const { problem, headers } = toProblem(error);
  if (problem.status >= 500 && !NOT_FAILURES.has(problem.status)) {
    logger.error(
      {
        msg: `${request.method} ${request.routeOptions?.url ?? 'unknown route'} failed`,
        correlationId: correlationIdOfRaw(request.raw),
      },
      error instanceof Error ? error.stack : String(error),
    );
  }
  if (reply.sent) return;
  // A refusal before the body was read (401, 413, …) closes the connection: otherwise it stays
  // open, waiting for the rest of a body the service will not read. A body the JSON parser
  // refused was read whole, so its connection stays open for the next request (Fastify closes
  // it after any parser error, not knowing whether the body ended), unless the client asked
  // to close it: then the answer says so, as every answer to such a request does (removing
  // the header would keep Node from writing its own Connection: close).
  if (bodyUnread(request.raw)) reply.header('Connection', 'close');
  else if (PARSER_REFUSALS.has(problem.type)) {
    if (reply.raw.shouldKeepAlive) reply.removeHeader('Connection');
    else reply.header('Connection', 'close');
  }
  reply
    .status(problem.status)
    .headers(headers)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...problem, instance: problem.instance ?? request.url.split('?')[0] }));
}
