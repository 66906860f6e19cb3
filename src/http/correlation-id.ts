import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const VALID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
const ids = new WeakMap<IncomingMessage, string>();

/**
 * The request's correlation id: the caller's X-Correlation-Id when it is a sane token, a
 * fresh uuid otherwise. Decided once per raw request, so the request log line and
 * the service (metadata, responses) agree on it whichever asks first.
 */
export function correlationIdOfRaw(raw: IncomingMessage): string {
  let id = ids.get(raw);
  if (id === undefined) {
    const header = raw.headers['x-correlation-id'];
    id = typeof header === 'string' && VALID.test(header) ? header : randomUUID();
    ids.set(raw, id);
  }
  return id;
}

/**
 * Every request gets a correlation id: the caller's X-Correlation-Id when it is a sane
 * token, a fresh uuid otherwise. It is echoed in the response and recorded in metadata.
 */
export function registerCorrelationId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Correlation-Id', correlationIdOfRaw(request.raw));
    done();
  });
}

export function correlationIdOf(request: FastifyRequest): string {
  return correlationIdOfRaw(request.raw);
}
