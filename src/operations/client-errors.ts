import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { correlationIdOfRaw } from '../http/correlation-id.js';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from '../http/problem.js';
import { securityHeaders } from './security.js';

const SECURITY_HEADERS = securityHeaders();

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
export function answerClientError(error: Error & { code?: string }, socket: ServerSocket): void {
  const inFlight = socket._httpMessage;
  if (!socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const body =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? problem('headersTooLarge', 'The request headers are larger than the service accepts.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? problem('requestTimeout', 'The whole request was not received in time.')
        : problem('validation', 'The request is not valid HTTP.');
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
  // A request not received whole (timed out): its head was read, so its answer names its path.
  const instance = inFlight.req.url?.split('?')[0];
  writeProblem(
    socket,
    { ...body, ...(instance && { instance }) },
    correlationIdOfRaw(inFlight.req),
  );
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
