import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';

/** Whether a request says it carries a body: a Content-Length over 0, or a Transfer-Encoding. */
export function declaresBody(headers: IncomingHttpHeaders): boolean {
  const length = headers['content-length'];
  return (
    (length !== undefined && Number(length) !== 0) || headers['transfer-encoding'] !== undefined
  );
}

/** Whether a request's Content-Length is over the route's body limit (413 before reading it). */
export function declaresTooLargeBody(request: FastifyRequest): boolean {
  return Number(request.headers['content-length']) > request.routeOptions.bodyLimit;
}

/**
 * Whether a request's body has not been read to its end: answered now (a refusal before the
 * body is parsed), its connection is closed rather than kept for bytes nobody will read,
 * which a client may never send.
 */
export function bodyUnread(raw: IncomingMessage): boolean {
  return !raw.complete && declaresBody(raw.headers);
}
