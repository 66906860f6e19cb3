import type { IncomingMessage } from 'node:http';
import type { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { type FieldError, problem, ProblemException } from './problem.js';
import { sendProblem } from './problem-details.filter.js';

/**
 * Host as RFC 9112 §3.2 writes it: `uri-host [ ":" port ]`, the host an IP literal in
 * brackets or a reg-name (RFC 3986: unreserved, sub-delims, percent-encoded octets; no
 * userinfo, no space). Empty is allowed: the target has no authority.
 */
const HOST =
  /^(?:\[[0-9A-Za-z.:!$&'()*+,;=_~-]+\]|(?:[0-9A-Za-z.!$&'()*+,;=_~-]|%[0-9A-Fa-f]{2})*)(?::[0-9]*)?$/;

/**
 * A request whose head is malformed is refused before it is routed, its caller judged or its
 * body read (a body left unread closes the connection, see sendProblem):
 * - an HTTP version whose major is not 1 (HTTP/2.0, HTTP/0.9 on a request line Node reads): 505,
 *   closing the connection;
 * - an HTTP/1.1 request without Host: 400 `host-required` (RFC 9112 §3.2;
 *   `requireHostHeader: false` leaves it to this hook);
 * - Host, Authorization or Content-Type sent more than once (fields that may appear once,
 *   RFC 9110 §5.3: Node keeps the first and drops the rest, so the answer would depend on
 *   their order), or a Host that is not `host[:port]` (`a b`, `user@host`): 400
 *   `malformed-request`;
 * - a request target with a fragment (`#…`, never part of one, RFC 9112 §3.2): 400;
 * - a transfer coding other than chunked (`Transfer-Encoding: gzip, chunked`, which Node
 *   accepts and would read as plain chunks): 501 (RFC 9112 §6.1). Node itself refuses a
 *   Transfer-Encoding that does not end with chunked.
 * Register after the hooks that set the headers every answer carries.
 */
export function refuseMalformedRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const refusal = malformedHeadOf(request.raw);
    if (refusal === undefined) {
      done();
      return;
    }
    sendProblem(refusal, request, reply, logger);
  });
}

/** What is wrong with a request's head, if anything: checked in the order the answers take. */
export function malformedHeadOf(raw: IncomingMessage): ProblemException | undefined {
  if (raw.httpVersionMajor !== 1) {
    return new ProblemException(
      problem(
        'httpVersionNotSupported',
        `This service speaks HTTP/1.1 and HTTP/1.0; HTTP/${raw.httpVersion} is not supported.`,
      ),
      { Connection: 'close' },
    );
  }
  const host = raw.headers.host;
  if (host === undefined && raw.httpVersionMinor >= 1) {
    return new ProblemException(
      problem(
        'hostMissing',
        'An HTTP/1.1 request must name the host it is for: send a Host header.',
      ),
    );
  }
  const repeated = repeatedSingleField(raw.rawHeaders);
  if (repeated !== undefined) {
    return malformed(`${repeated} may appear once in a request; it was sent more than once.`, [
      { path: `header:${repeated}`, message: 'sent more than once' },
    ]);
  }
  if (host !== undefined && !HOST.test(host)) {
    return malformed('Host must be a host name or address, with an optional port.', [
      { path: 'header:Host', message: 'not a valid host' },
    ]);
  }
  if (raw.url !== undefined && raw.url.includes('#')) {
    return malformed(
      'A request target never carries a fragment: send it without # and what follows.',
    );
  }
  const coding = raw.headers['transfer-encoding'];
  if (coding !== undefined && coding.toLowerCase() !== 'chunked') {
    return new ProblemException(
      problem(
        'notImplemented',
        `The service reads no transfer coding but chunked; Transfer-Encoding: ${coding} is not implemented.`,
      ),
    );
  }
  return undefined;
}

function malformed(detail: string, errors?: readonly FieldError[]): ProblemException {
  return new ProblemException(problem('malformedRequest', detail, errors && { errors }));
}

/** The fields checked for repeats: Host, Authorization, Content-Type, as the request sent them. */
const SINGLE_FIELDS = ['Host', 'Authorization', 'Content-Type'] as const;

/**
 * The first of SINGLE_FIELDS the request sends more than once. One pass over the raw header
 * names; only a name as long as one of them is lower-cased and compared.
 */
function repeatedSingleField(rawHeaders: readonly string[]): string | undefined {
  let seen = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const field = singleFieldOf(rawHeaders[i]);
    if (field < 0) continue;
    const bit = 1 << field;
    if ((seen & bit) !== 0) return SINGLE_FIELDS[field];
    seen |= bit;
  }
  return undefined;
}

function singleFieldOf(name: string): number {
  switch (name.length) {
    case 4:
      return name.toLowerCase() === 'host' ? 0 : -1;
    case 13:
      return name.toLowerCase() === 'authorization' ? 1 : -1;
    case 12:
      return name.toLowerCase() === 'content-type' ? 2 : -1;
    default:
      return -1;
  }
}
