import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { pino, type DestinationStream, type Logger } from 'pino';
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

const BASE_OPTIONS = {
  base: { service: 'envoy-ledger' },
  messageKey: 'msg',
  timestamp: () => `,"time":"${new Date().toISOString()}"`,
};

/** The service's two JSON loggers (pino), writing to one destination. */
export interface ServiceLogs {
  /** Everything the service says, with secrets redacted wherever they could appear. */
  readonly app: Logger;
  /** The request lines, whose fields are all chosen by registerRequestLog. */
  readonly requests: Logger;
}

/** Log bytes held while stdout does not keep up; beyond them lines are dropped, not queued. */
const MAX_UNWRITTEN_LOG_BYTES = 16 * 1024 * 1024;

/**
 * The service's logs: stdout unless a stream is given (tests). Written asynchronously (the
 * write leaves the request's path; lines written meanwhile go out together) and flushed
 * synchronously when the process exits, so only a SIGKILL can lose the last lines. A stdout
 * that stops reading costs at most MAX_UNWRITTEN_LOG_BYTES of memory.
 */
export function createLogs(level: LogLevel | 'silent', stream?: DestinationStream): ServiceLogs {
  const destination =
    stream ?? pino.destination({ dest: 1, sync: false, maxLength: MAX_UNWRITTEN_LOG_BYTES });
  return {
    app: pino(
      { ...BASE_OPTIONS, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
      destination,
    ),
    requests: pino({ ...BASE_OPTIONS, level }, destination),
  };
}

/**
 * One line per answered request, written when the answer has gone: method, path without
 * its query string, status, time taken, the correlation id and the caller's token *name*
 * (never the token). No body and no header values, so no diplomat's name or other
 * personal data. A plain hook rather than a child logger per request (on the command path
 * a child logger cost more than validating the body), and, since every field is chosen
 * here and none can hold a secret, through the logger without the redaction pass (which
 * doubled the cost of a line).
 */
export function registerRequestLog(fastify: FastifyInstance, lines: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : 'info';
    if (lines.isLevelEnabled(level)) {
      const raw = request.raw;
      const principal = actorOf(raw);
      const path = request.url.split('?')[0];
      lines[level](
        {
          correlationId: correlationIdOfRaw(raw),
          req: { method: request.method, path, remoteAddress: request.ip },
          res: { statusCode: status },
          responseTime: Math.round(reply.elapsedTime * 10) / 10,
          ...(principal ? { actor: principal.name, role: principal.role } : {}),
        },
        `${request.method} ${path} ${status}${status >= 500 ? ' failed' : ''}`,
      );
    }
    done();
  });
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/**
 * Nest's logger interface on pino: `new Logger('projections').warn(...)` anywhere in the
 * service writes a JSON line with `context: "projections"`. Nest passes the context as the
 * last argument and, for errors, the stack before it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const params = [...rest];
    const context =
      params.length > 0 && typeof params[params.length - 1] === 'string'
        ? (params.pop() as string)
        : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof params[0] === 'string') fields.stack = params.shift();
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
