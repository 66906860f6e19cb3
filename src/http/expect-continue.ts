import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isJsonMediaType } from './json-body.guard.js';
import { jsonEncodingRefusal } from './json-body.parser.js';
import { bodyTooLarge, notJsonBody, ProblemException } from './problem.js';
import { sendProblem } from './problem-details.filter.js';
import { declaresBody, declaresTooLargeBody } from './request-body.js';

/**
 * `Expect: 100-continue` is answered 100 only once a request has passed what is checked before
 * its body is read (its caller's token and role, a body on a route that takes one) and what its
 * headers already rule out (a Content-Length over the limit: 413; a body that is not JSON, or is
 * JSON compressed or in a charset other than UTF-8: 415), so a refused request gets its final
 * answer at once, with `Connection: close`, and its client never sends a body nobody will read
 * (RFC 9110 §10.1.1). Node would answer 100 to every such request before any route saw it.
 * Register after the hooks that refuse before the body.
 */
export function continueOnceAccepted(
  server: Server,
  fastify: FastifyInstance,
  logger: Logger,
): void {
  // The requests Node found expecting 100 (HTTP/1.1 only, as Node reads Expect).
  const expecting = new WeakSet<IncomingMessage>();
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    expecting.add(request);
    server.emit('request', request, response);
  });
  fastify.addHook('preParsing', (request, reply, payload, done) => {
    if (expecting.has(request.raw) && !reply.raw.headersSent) {
      const refusal = refusalByHeaders(request);
      if (refusal !== undefined) {
        sendProblem(refusal, request, reply, logger);
        return;
      }
      reply.raw.writeContinue();
    }
    done(null, payload);
  });
}

/**
 * What the body's headers already refuse, as the body limit, JsonBodyGuard and parseJsonBody
 * would once it is read. Bodies on routes that take none were refused before (refuseUnreadInput).
 */
function refusalByHeaders(request: FastifyRequest): ProblemException | undefined {
  if (!declaresBody(request.headers)) return undefined;
  if (declaresTooLargeBody(request)) return new ProblemException(bodyTooLarge());
  if (!isJsonMediaType(request.headers['content-type'])) {
    return new ProblemException(notJsonBody());
  }
  return jsonEncodingRefusal(request.headers);
}
