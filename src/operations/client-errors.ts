import { answeredOnItsSocket } from './answer-ends.js';
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { correlationIdOfRaw } from '../http/correlation-id.js';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from '../http/problem.js';
import { securityHeaders } from './security.js';

const SECURITY_HEADERS = securityHeaders();

/** An error Node's HTTP parser raised: the bytes it was parsing, and where it stopped. */
type ClientError = Error & { code?: string; rawPacket?: unknown; bytesParsed?: unknown };

/** A socket as Node's HTTP server holds it: the response it is writing, if any. */
type ServerSocket = Duplex & { _httpMessage?: ServerResponse | null };

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers too large, a
 * malformed request, one not received within the request timeout) are answered as problems
 * too, with the headers every answer carries, then the connection closes. A response already
 * under way on the connection is not interrupted by a second one: the connection just closes.
 * Bytes that are not HTTP after a whole request (a body sent unframed on a GET) wait for that
 * request's answer, then get theirs.
 */
export function answerClientError(error: ClientError, socket: ServerSocket): void {
  const inFlight = socket._httpMessage;
  if (!socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const body = problemOf(error);
  if (inFlight?.req.complete === true && error.code !== 'ERR_HTTP_REQUEST_TIMEOUT') {
    inFlight.once('finish', () => {
      if (socket.writable) writeProblem(socket, body, randomUUID());
    });
    return;
  }
  if (inFlight === undefined || inFlight === null) {
    writeProblem(socket, body, randomUUID());
    return;
  }
  if (inFlight.req.complete) {
    // The request on the connection was read whole and is still being answered: the one that
    // timed out is a later one whose head was not read. Not this request's answer.
    writeProblem(socket, body, randomUUID());
    return;
  }
  // A request not received whole (timed out): its head was read, so its answer names its path,
  // and its request line the status it was answered with.
  const instance = inFlight.req.url?.split('?')[0];
  answeredOnItsSocket(inFlight, body.status);
  writeProblem(
    socket,
    { ...body, ...(instance && { instance }) },
    correlationIdOfRaw(inFlight.req),
  );
}

/** A request line as RFC 9112 §3 writes it: method, target, version. */
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) [^\s]+ HTTP\/(\d)\.\d\r?$/;

/**
 * The answer to what the parser refused. A request line of the right shape with a method Node
 * does not know (`FOO /api/missions HTTP/1.1`) is a 501 (RFC 9110 §9.1), one with a major
 * version other than 1 that Node does not read (HTTP/3.0) a 505; anything else not HTTP a 400.
 */
function problemOf(error: ClientError): Problem {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem('headersTooLarge', 'The request headers are larger than the service accepts.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem('requestTimeout', 'The whole request was not received in time.');
  }
  const line =
    error.code === 'HPE_INVALID_METHOD' || error.code === 'HPE_INVALID_VERSION'
      ? REQUEST_LINE.exec(refusedLineOf(error))
      : null;
  if (line !== null && error.code === 'HPE_INVALID_METHOD') {
    return problem('notImplemented', `${line[1]} is not a method this service implements.`);
  }
  if (line !== null && line[2] !== '1') {
    return problem(
      'httpVersionNotSupported',
      'This service speaks HTTP/1.1 and HTTP/1.0; send the request in one of them.',
    );
  }
  return problem('malformedRequest', 'The request is not valid HTTP.');
}

/** The line of the bytes Node was given where its parser stopped (a pipelined request's own). */
function refusedLineOf({ rawPacket, bytesParsed }: ClientError): string {
  if (!Buffer.isBuffer(rawPacket) || typeof bytesParsed !== 'number') return '';
  const at = Math.min(bytesParsed, rawPacket.length);
  const start = rawPacket.lastIndexOf(0x0a, Math.max(at - 1, 0)) + 1;
  const end = rawPacket.indexOf(0x0a, start);
  return rawPacket.toString('latin1', start, end === -1 ? rawPacket.length : end);
}

/**
 * What Node answers itself unless told otherwise, answered as problems: an `Expect` other
 * than 100-continue (417), and CONNECT (405: this service is no proxy, and the host a CONNECT
 * names is no resource of it, so `Allow` lists nothing).
 */
export function answerOutsideFastify(server: Server): void {
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const body = problem(
      'expectationFailed',
      `This service meets no expectation but 100-continue; send the request without Expect: ${String(request.headers.expect)}.`,
    );
    const text = JSON.stringify(body);
    response.writeHead(body.status, {
      ...headersOf(correlationIdOfRaw(request)),
      'Content-Type': PROBLEM_CONTENT_TYPE,
      'Content-Length': Buffer.byteLength(text),
    });
    response.end(text);
  });
  server.on('connect', (request: IncomingMessage, socket: Duplex) => {
    const body = problem(
      'methodNotAllowed',
      'CONNECT is not allowed: this service is not a proxy and opens no tunnel.',
    );
    writeProblem(socket, body, correlationIdOfRaw(request), { Allow: '' });
  });
}

function headersOf(correlationId: string): Record<string, string> {
  return { ...SECURITY_HEADERS, 'X-Correlation-Id': correlationId, Connection: 'close' };
}

/** Writes a whole response on a socket Fastify does not handle, and closes it. */
function writeProblem(
  socket: Duplex,
  body: Problem,
  correlationId: string,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  const headers = {
    ...headersOf(correlationId),
    ...extra,
    Date: new Date().toUTCString(),
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'Content-Length': String(Buffer.byteLength(text)),
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${body.status} ${STATUS_CODES[body.status]}\r\n${head}\r\n${text}`);
}
