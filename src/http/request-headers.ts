import type { FastifyRequest } from 'fastify';
import { problem, ProblemException } from './problem.js';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header, if sent; a malformed one is a 400. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY.test(header)) {
    throw new ProblemException(
      problem('validation', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', {
        errors: [{ path: 'header:Idempotency-Key', message: 'invalid idempotency key' }],
      }),
    );
  }
  return header;
}

/**
 * The revision named by If-Match (`"7"`), if sent. `*` asks for nothing more than an
 * existing resource, which every command but a plan needs anyway.
 */
export function expectedRevisionOf(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header === '*') return undefined;
  const match = typeof header === 'string' ? /^\s*"(\d{1,15})"\s*$/.exec(header) : null;
  if (!match) {
    throw new ProblemException(
      problem(
        'preconditionRequired',
        'If-Match must be a revision in quotes, as the ETag gave it: "7".',
      ),
    );
  }
  return Number(match[1]);
}
