import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { LISTED_ERRORS, problem, ProblemException, unlisted } from './problem.js';
import { repeatedMembersOf } from './repeated-members.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const CHARSET = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;

/**
 * Parses an application/json body (RFC 8259: UTF-8). A compressed body (any Content-Encoding
 * but identity) is a 415 naming `Accept-Encoding: identity` (RFC 9110 §15.5.16), a body
 * declared in another charset is a 415, and bytes that are not UTF-8 a 400, rather than text silently rewritten with
 * U+FFFD. Keys such as `__proto__` are left as JSON.parse defines them (own properties),
 * for the JSON body check to refuse by name before anything copies the body. A member named
 * twice in one object is a 400: JSON.parse would keep the last value, silently.
 */
export function parseJsonBody(request: FastifyRequest, body: Buffer): unknown {
  const refusal = jsonEncodingRefusal(request.headers);
  if (refusal !== undefined) throw refusal;
  if (body.length === 0) {
    throw new ProblemException(
      problem('malformedJson', 'The body is empty but the content type says JSON.'),
    );
  }
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    throw new ProblemException(problem('malformedJson', 'The body is not valid UTF-8.'));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    throw new ProblemException(problem('malformedJson', 'The body is not valid JSON.'));
  }
  const repeated = repeatedMembersOf(text);
  if (repeated.length > 0) {
    throw new ProblemException(
      problem(
        'malformedJson',
        `The body names a member more than once in one object: ${repeated.slice(0, 3).join(', ')}${unlisted(repeated)}.`,
        {
          errors: repeated
            .slice(0, LISTED_ERRORS)
            .map((path) => ({ path, message: 'named more than once' })),
        },
      ),
    );
  }
  return parsed;
}

/**
 * The 415 a JSON body's headers already call for, before any of it is read: compressed (any
 * Content-Encoding but identity) or declared in a charset other than UTF-8.
 */
export function jsonEncodingRefusal(headers: IncomingHttpHeaders): ProblemException | undefined {
  const coding = headers['content-encoding']?.trim().toLowerCase();
  if (coding !== undefined && coding !== '' && coding !== 'identity') {
    return new ProblemException(
      problem(
        'unsupportedMediaType',
        `Send the body uncompressed; Content-Encoding: ${coding} is not accepted.`,
      ),
      { 'Accept-Encoding': 'identity' },
    );
  }
  const charset = charsetOf(headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return new ProblemException(
      problem(
        'unsupportedMediaType',
        `Send the body as application/json in UTF-8; charset=${charset} is not accepted.`,
      ),
    );
  }
  return undefined;
}

function charsetOf(contentType: string | undefined): string | undefined {
  const match = CHARSET.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]).toLowerCase() : undefined;
}
