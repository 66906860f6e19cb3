import type { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AllowedMethods } from './allowed-methods.js';
import { problem, ProblemException } from './problem.js';
import { sendProblem } from './problem-details.filter.js';

/**
 * A request no route serves is answered before its body is read: 405 naming the methods the
 * path takes (`Allow`, RFC 9110 §15.5.6) on a path the service serves for other methods, 404
 * on any other. That is a request Fastify routed nowhere, and one its route does not serve
 * (see AllowedMethods.serves): an empty id (`/api/missions//diplomats`), or an OPTIONS that
 * is not a preflight on the route @fastify/cors adds when CORS is open. Whatever its body
 * holds (malformed JSON, bytes that are not UTF-8, another charset, a compressed body)
 * nothing of it is parsed, so it changes neither answer; a body left unread closes the
 * connection (see sendProblem). OPTIONS gets the same answer with CORS open or closed: with
 * CORS open its plugin answers preflights (Origin and Access-Control-Request-Method) before
 * this; with CORS closed a preflight gets the 405 or 404 and no Access-Control-* header, so
 * it is refused. Register before any hook that answers `Expect: 100-continue`.
 */
export function answerUnroutedBeforeBody(
  fastify: FastifyInstance,
  allowed: AllowedMethods,
  logger: Logger,
): void {
  fastify.addHook('preParsing', (request, reply, payload, done) => {
    if (allowed.serves(request)) {
      done(null, payload);
      return;
    }
    sendProblem(unrouted(request, allowed), request, reply, logger);
  });
}

function unrouted(request: FastifyRequest, allowed: AllowedMethods): ProblemException {
  const methods = allowed.of(request.url);
  if (methods.length === 0) {
    return new ProblemException(
      problem('notFound', 'No such resource: the service serves nothing at this path.'),
    );
  }
  return new ProblemException(
    problem(
      'methodNotAllowed',
      `${request.method} is not allowed here; this path takes ${methods.join(', ')}.`,
    ),
    { Allow: methods.join(', ') },
  );
}
