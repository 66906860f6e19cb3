import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { OperationsConfig } from '../config/config.js';

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
 * cost about as much as validating a command's body.
 */
export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
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
 * Security headers on every answer (helmet: a CSP that allows only this origin's own
 * scripts, no framing, no sniffing, no referrer) and CORS, which stays closed (no
 * Access-Control-* header at all) unless CORS_ORIGINS names the origins to let in.
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
  await app.register(cors, {
    origin: [...operations.corsOrigins],
    methods: ['GET', 'POST'],
    allowedHeaders: REQUEST_HEADERS,
    exposedHeaders: RESPONSE_HEADERS,
    credentials: false,
    maxAge: 600,
  });
}
