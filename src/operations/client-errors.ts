import type { Socket } from 'node:net';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from '../http/problem.js';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers too large,
 * a malformed request line) are answered as problems too, then the connection closes.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body: Problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? problem('headersTooLarge', 'The request headers are larger than the service accepts.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? { ...problem('validation', 'The request was not received in time.'), status: 408 }
        : problem('validation', 'The request is not valid HTTP.');
  const text = JSON.stringify(body);
  const reason = body.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${body.status} ${body.status === 408 ? 'Request Timeout' : reason}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Connection: close\r\n\r\n' +
      text,
  );
}
