import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { correlationIdOfRaw } from './correlation-id.js';
import type { AllowedMethods } from './allowed-methods.js';
import {
  problem,
  PROBLEM_CONTENT_TYPE,
  ProblemTypes,
  ProblemException,
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

/**
 * Every error leaves the service as application/problem+json. A request no route took, on a
 * path that exists for other methods, is a 405 naming them (`Allow`) rather than a 404.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly allowed?: AllowedMethods) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    sendProblem(
      this.methodNotAllowed(error, request) ?? error,
      request,
      http.getResponse<FastifyReply>(),
      this.logger,
    );
  }

  private methodNotAllowed(error: unknown, request: FastifyRequest): ProblemException | undefined {
    // OPTIONS too (with CORS open, its plugin answers preflights before this): with CORS
    // closed, a preflight gets the 405 and no Access-Control-* header, so it is refused.
    if (!(error instanceof NotFoundException) || request.routeOptions?.url !== undefined) {
      return undefined;
    }
    const methods = this.allowed?.of(request.url.split('?')[0]) ?? [];
    if (methods.length === 0 || methods.includes(request.method)) return undefined;
    return new ProblemException(
      problem(
        'methodNotAllowed',
        `${request.method} is not allowed here; this path takes ${methods.join(', ')}.`,
      ),
      { Allow: methods.join(', ') },
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
  if (problem.status >= 500 && problem.status !== 503) {
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
  // it after any parser error, not knowing whether the body ended).
  if (bodyUnread(request.raw)) reply.header('Connection', 'close');
  else if (PARSER_REFUSALS.has(problem.type)) reply.removeHeader('Connection');
  reply
    .status(problem.status)
    .headers(headers)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...problem, instance: problem.instance ?? request.url.split('?')[0] }));
}
