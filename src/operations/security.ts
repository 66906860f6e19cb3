import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
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

/**
 * Security headers on every answer (helmet: a CSP that allows only this origin's own
 * scripts, no framing, no sniffing, no referrer) and CORS, which stays closed (no
 * Access-Control-* header at all) unless CORS_ORIGINS names the origins to let in.
 */
export async function registerSecurity(
  app: NestFastifyApplication,
  operations: OperationsConfig,
): Promise<void> {
  await app.register(helmet, {
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
