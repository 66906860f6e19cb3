import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '../config/config.js';
import { correlationIdOfRaw } from '../http/correlation-id.js';
import { actorOf } from './request-actor.js';

/** Where a secret could appear in a log record: never written, whatever the level. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'headers.authorization',
  'authorization',
  'token',
  'tokens',
  '*.token',
];

/**
 * Structured JSON logs (pino) with one line per request. Every line written while a
 * request is handled carries its `correlationId`. Request lines hold the method, the
 * path without its query string, the status and the caller's token *name* (never the
 * token): no body, no header values, so no diplomat's name or other personal data.
 */
export function loggingParams(level: LogLevel, stream?: DestinationStream): Params {
  const options: NonNullable<Exclude<Params['pinoHttp'], DestinationStream | unknown[]>> = {
    level,
    base: { service: 'envoy-ledger' },
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    genReqId: (req: IncomingMessage) => correlationIdOfRaw(req),
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : 'info',
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method ?? '?'} ${pathOf(req.url)} ${res.statusCode}`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method ?? '?'} ${pathOf(req.url)} ${res.statusCode} failed`,
    customProps: (req: IncomingMessage) => {
      const principal = actorOf(req);
      return principal ? { actor: principal.name, role: principal.role } : {};
    },
    serializers: {
      req: (req: { method?: string; url?: string; remoteAddress?: string }) => ({
        method: req.method,
        path: pathOf(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return {
    pinoHttp: stream ? [options, stream] : options,
    renameContext: 'context',
    // Every route (nestjs-pino's default pattern, `{/*splat}`, matches none on Nest 12.5's Fastify adapter).
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
  };
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}
