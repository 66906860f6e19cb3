import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { correlationIdOfRaw } from '../http/correlation-id.js';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from '../http/problem.js';
import { answeredOnItsSocket } from './answer-ends.js';
import type { RequestLines, SocketAnswer } from './logging.js';
import {
  type ClientError,
  REQUEST_LINE,
  refusedLineOf,
  refusedRequestOf,
} from './refused-request-line.js';
import { securityHeaders } from './security.js';

const SECURITY_HEADERS = securityHeaders();

/** A socket as Node's HTTP server holds it: the response it is writing, if any. */
type ServerSocket = Socket & { _httpMessage?: ServerResponse | null };

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers too large, a
 * malformed request, one not received within the request timeout) are answered as problems
 * too, with the headers every answer carries, then the connection closes. A response already
 * under way on the connection is not interrupted by a second one: the connection just closes.
 * Bytes that are not HTTP after a whole request (a body sent unframed on a GET) wait for that
 * request's answer, then get theirs. Each answer is logged as it is written, under a fresh
 * correlation id (the request's headers were not read), with what its request line named.
 */
export function answerClientErrors(
  lines: RequestLines,
): (error: ClientError, socket: ServerSocket) => void {
  return (error, socket) => answerClientError(error, socket, lines);
}

function answerClientError(error: ClientError, socket: ServerSocket, lines: RequestLines): void {
  const inFlight = socket._httpMessage;
  if (!socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const body = problemOf(error);
  const answerRefused = () => {
    const correlationId = randomUUID();
    lines.writeSocketAnswer({
      ...refusedRequestOf(error),
      remoteAddress: socket.remoteAddress,
      statusCode: body.status,
      correlationId,
    });
    writeProblem(socket, body, correlationId);
  };
  if (inFlight?.req.complete === true && error.code !== 'ERR_HTTP_REQUEST_TIMEOUT') {
    inFlight.once('finish', () => {
      if (socket.writable) answerRefused();
    });
    return;
  }
  // No request on the connection yet, or one read whole and still being answered: the one that
  // timed out is then a later one whose head was not read. Not that request's answer.
  if (inFlight === undefined || inFlight === null || inFlight.req.complete) {
    answerRefused();
    return;
  }
  // A request not received whole (timed out): its head was read, so its answer names its path,
  // and its request line (written by Fastify's hooks) the status it was answered with.
  const instance = inFlight.req.url?.split('?')[0];
  answeredOnItsSocket(inFlight, body.status);
  writeProblem(
    socket,
    { ...body, ...(instance && { instance }) },
    correlationIdOfRaw(inFlight.req),
  );
}

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
  if (line !== null && line[3] !== '1') {
    return problem(
      'httpVersionNotSupported',
      'This service speaks HTTP/1.1 and HTTP/1.0; send the request in one of them.',
    );
  }
  return problem('malformedRequest', 'The request is not valid HTTP.');
}

/**
 * What Node answers itself unless told otherwise, answered as problems: an `Expect` other
 * than 100-continue (417), and CONNECT (405: this service is no proxy, and the host a CONNECT
 * names is no resource of it, so `Allow` lists nothing).
 */
export function answerOutsideFastify(server: Server, lines: RequestLines): void {
  server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
    const body = problem(
      'expectationFailed',
      `This service meets no expectation but 100-continue; send the request without Expect: ${String(request.headers.expect)}.`,
    );
    lines.writeSocketAnswer(answerTo(request, body.status));
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
    lines.writeSocketAnswer(answerTo(request, body.status));
    writeProblem(socket, body, correlationIdOfRaw(request), { Allow: '' });
  });
}

/** The request line of an answer to a request whose head Node read. */
function answerTo(request: IncomingMessage, statusCode: number): SocketAnswer {
  return {
    correlationId: correlationIdOfRaw(request),
    method: request.method ?? '-',
    path: request.url?.split('?')[0] ?? '-',
    remoteAddress: request.socket.remoteAddress,
    statusCode,
  };
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
