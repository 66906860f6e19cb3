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
 * If-Match as the service reads it: a revision in quotes exactly as the ETag wrote it (`"7"`;
 * `"07"` names no revision), or `*`.
 */
export const IF_MATCH_PATTERN = /^\s*(?:"(0|[1-9]\d{0,14})"|\*)\s*$/;

/**
 * The revision named by If-Match, if sent. `*` asks for an existing resource: a plan of a new
 * mission, or a new meeting, is then refused with 412.
 */
export function expectedRevisionOf(request: FastifyRequest): number | 'exists' | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? IF_MATCH_PATTERN.exec(header) : null;
  if (!match) {
    throw new ProblemException(
      problem(
        'preconditionRequired',
        'If-Match must be a revision in quotes, as the ETag gave it: "7".',
      ),
    );
  }
  return match[1] === undefined ? 'exists' : Number(match[1]);
}
