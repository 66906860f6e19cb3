import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * `Expect: 100-continue` is answered 100 only once a request has passed what is checked before
 * its body is read (its caller's token and role, a body on a route that takes one), so a refused
 * request gets its final answer at once and its client never sends a body nobody will read
 * (RFC 9110 §10.1.1). Node would answer 100 to every such request before any route saw it.
 * Register after the hooks that refuse before the body.
 */
export function continueOnceAccepted(server: Server, fastify: FastifyInstance): void {
  // The requests Node found expecting 100 (HTTP/1.1 only, as Node reads Expect).
  const expecting = new WeakSet<IncomingMessage>();
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    expecting.add(request);
    server.emit('request', request, response);
  });
  fastify.addHook('preParsing', (request, reply, payload, done) => {
    if (expecting.has(request.raw) && !reply.raw.headersSent) reply.raw.writeContinue();
    done(null, payload);
  });
}
