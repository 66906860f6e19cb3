import type { FastifyRequest } from 'fastify';
import type { ExpectedRevision } from '../command-handling/command-context.js';
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

/** An entity tag (RFC 9110 §8.8.3): an opaque tag in quotes, `W/` before it when weak. */
const ENTITY_TAG = '(?:W/)?"[\\x21\\x23-\\x7e\\x80-\\xff]*"';

/**
 * If-Match as RFC 9110 §13.1.1 writes it: `*`, or a list of entity tags separated by commas
 * (empty elements allowed, §5.6.1.2), with optional spaces and tabs around them.
 */
export const IF_MATCH_PATTERN = new RegExp(
  `^[ \\t]*(?:\\*|(?:,[ \\t]*)*${ENTITY_TAG}(?:[ \\t]*,(?:[ \\t]*${ENTITY_TAG})?)*)[ \\t]*$`,
);

const TAGS = /(W\/)?"([^"]*)"/g;

/** The ETag this service gives a stream at `revision`, for If-Match on its next command. */
export function etagOf(revision: number): string {
  return `"${revision}"`;
}

/** The opaque tag of an ETag this service gives: a revision, without leading zeros. */
const REVISION = /^(?:0|[1-9]\d{0,14})$/;

/**
 * What If-Match asks, if sent: `*` that the resource exist (a plan of a new mission, or a new
 * meeting, is then refused with 412); a list, that the stream be at one of the revisions its
 * strong tags name, compared strongly (§8.8.3.2): a weak tag (`W/"7"`) or one this service
 * never gives (`"07"`, `"abc"`) matches no revision, so a list of only those is a 412.
 * Anything that is not an If-Match value is a 400.
 */
export function expectedRevisionOf(request: FastifyRequest): ExpectedRevision | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IF_MATCH_PATTERN.test(header)) {
    throw new ProblemException(
      problem(
        'preconditionRequired',
        'If-Match must be * or entity tags in quotes, as the ETag gave them: "7" (or "6", "7").',
      ),
    );
  }
  if (header.trim() === '*') return 'exists';
  const revisions = new Set<number>();
  for (const [, weak, opaque] of header.matchAll(TAGS)) {
    if (weak === undefined && REVISION.test(opaque)) revisions.add(Number(opaque));
  }
  return revisions.size === 1 ? [...revisions][0] : [...revisions];
}
