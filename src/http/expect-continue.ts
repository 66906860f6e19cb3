import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * `Expect: 100-continue` is answered 100 only once a request has passed what is checked before
 * its body is read (its caller's token and role, a body on a route that takes one), so a refused
 * request gets its final answer at once and its client never sends a body nobody will read
 * (RFC 9110 §10.1.1). Node would answer 100 to every such request before any route saw it.
 * Register after the hooks that refuse before the body.
 */
export function continueOnceAccepted(server: Server, fastify: FastifyInstance): void {
  server.on('checkContinue', (request, response) => server.emit('request', request, response));
  fastify.addHook('preParsing', (request, reply, payload, done) => {
    const expect = request.headers.expect;
    if (expect?.toLowerCase() === '100-continue' && !reply.raw.headersSent) {
      reply.raw.writeContinue();
    }
    done(null, payload);
  });
}
