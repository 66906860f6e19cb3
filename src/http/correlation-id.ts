import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const VALID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
const ids = new WeakMap<FastifyRequest, string>();

/**
 * Every request gets a correlation id: the caller's X-Correlation-Id when it is a sane
 * token, a fresh uuid otherwise. It is echoed in the response and recorded in metadata.
 */
export function registerCorrelationId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const header = request.headers['x-correlation-id'];
    const id = typeof header === 'string' && VALID.test(header) ? header : randomUUID();
    ids.set(request, id);
    reply.header('X-Correlation-Id', id);
    done();
  });
}

export function correlationIdOf(request: FastifyRequest): string {
  return ids.get(request) ?? randomUUID();
}
