import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { OperationsConfig } from '../config/config.js';
import type { RegisteredRoute } from '../http/allowed-methods.js';
import { malformedHeadOf } from '../http/malformed-requests.js';

/** Headers a browser may send to the API and read back from it, when CORS is open. */
const REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-Match',
  'Last-Event-ID',
  'X-Correlation-Id',
];
const RESPONSE_HEADERS = [
  'ETag',
  'Location',
  'Retry-After',
  'WWW-Authenticate',
  'X-Correlation-Id',
  'Idempotent-Replayed',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // The API serves no cross-origin resources to embed; the dashboard loads its own only.
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

/**
 * The headers helmet sets with our options, worked out once: they depend on nothing in
 * the request (no CSP nonces), and building them per request (as @fastify/helmet does)
 * cost about as much as validating a command's body. And `Cache-Control: no-store`: answers
 * name diplomats and meeting participants, and are kept by no cache (a shared workstation's
 * browser included) unless their route says otherwise (the dashboard's and Swagger UI's files,
 * the live feeds).
 */
export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers[name] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  helmet(HELMET_OPTIONS)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return headers;
}

/**
 * The route @fastify/cors adds, when CORS is open, so that Fastify takes an OPTIONS request on
 * any path: its hook answers a preflight before the route is reached, and the route serves
 * nothing else (see answerUnroutedBeforeBody).
 */
export const CORS_PREFLIGHT_ROUTE: RegisteredRoute = { method: 'OPTIONS', path: '*' };

/**
 * Security headers on every answer (helmet: a CSP that allows only this origin's own
 * scripts, no framing, no sniffing, no referrer) and CORS, which stays closed (no
 * Access-Control-* header at all) unless CORS_ORIGINS names the origins to let in. When it
 * is open, a preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered 204
 * on any path, even one the service does not serve, so that a browser goes on to send the
 * request and can read its answer (a 404, a 405) with the CORS headers every answer carries.
 * Any other OPTIONS request is no preflight: @fastify/cors would answer it a plain-text 400, so
 * it is passed on, and answered as with CORS closed (405 with `Allow`, or 404).
 */
export async function registerSecurity(
  app: NestFastifyApplication,
  operations: OperationsConfig,
): Promise<void> {
  const headers = securityHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  if (operations.corsOrigins.length === 0) return;
  const options = {
    origin: [...operations.corsOrigins],
    methods: ['GET', 'POST'],
    allowedHeaders: REQUEST_HEADERS,
    exposedHeaders: RESPONSE_HEADERS,
    credentials: false,
    maxAge: 600,
  };
  // Any request but a preflight gets the CORS headers and goes on to its route (or none).
  const notPreflight = { ...options, preflight: false };
  await app.register(cors, {
    delegator: (request, callback) => callback(null, isPreflight(request) ? options : notPreflight),
  });
}

/**
 * A CORS preflight, as the Fetch standard defines it (its method is checked by @fastify/cors):
 * an empty Origin or Access-Control-Request-Method names nothing, so that request is no
 * preflight (@fastify/cors would answer it a plain-text 400). Nor is one whose head is
 * malformed (a repeated Host, a fragment in its target): it goes on, with the CORS headers,
 * to be refused by refuseMalformedRequests, which runs after @fastify/cors's hook.
 */
function isPreflight({ headers, raw }: FastifyRequest): boolean {
  return (
    Boolean(headers.origin) &&
    Boolean(headers['access-control-request-method']) &&
    malformedHeadOf(raw) === undefined
  );
}
