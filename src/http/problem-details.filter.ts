import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { correlationIdOfRaw } from './correlation-id.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { toProblem } from './to-problem.js';

/** Every error leaves the service as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
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
  reply
    .status(problem.status)
    .headers(headers)
    .header('Content-Type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...problem, instance: problem.instance ?? request.url.split('?')[0] }));
}
