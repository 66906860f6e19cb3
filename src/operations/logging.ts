import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';
import { causationIdOfRequest } from '../http/causation-id.js';
import { correlationIdOfRaw } from '../http/correlation-id.js';
import { CLIENT_CAUSED_5XX } from '../http/problem.js';
import { answeredStatusOf, CLIENT_CLOSED_REQUEST, type AnswerEnds } from './answer-ends.js';
import { actorOf } from './request-actor.js';
import { stdoutDestination } from './stdout-destination.js';

/** Where a secret could appear in a log record: never written, whatever the level. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'headers.authorization',
  'authorization',
  'token',
  'tokens',
  '*.token',
];

/** The ISO time of the last millisecond a line was written in: lines of one millisecond share it. */
const lastTime = { ms: -1, field: '' };

function timeField(): string {
  const ms = Date.now();
  if (ms !== lastTime.ms) {
    lastTime.ms = ms;
    lastTime.field = `,"time":"${new Date(ms).toISOString()}"`;
  }
  return lastTime.field;
}

const BASE_OPTIONS = {
  base: { service: 'envoy-ledger' },
  messageKey: 'msg',
  timestamp: timeField,
};

/** The service's two JSON loggers (pino), writing to one destination. */
export interface ServiceLogs {
  /** Everything the service says, with secrets redacted wherever they could appear. */
  readonly app: Logger;
  /** The request lines, whose fields are all chosen by registerRequestLog. */
  readonly requests: RequestLines;
}

/** Where silent logs go: nowhere, without opening stdout. */
const NOWHERE: DestinationStream = { write: () => undefined };

/**
 * The service's logs, to stdout (stdoutDestination) unless a stream is given (tests).
 */
export function createLogs(level: LogLevel | 'silent', stream?: DestinationStream): ServiceLogs {
  const destination = stream ?? (level === 'silent' ? NOWHERE : stdoutDestination());
  return {
    app: pino(
      { ...BASE_OPTIONS, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
      destination,
    ),
    requests: new RequestLines(level, destination),
  };
}

/** What one request line says. */
export interface RequestLine {
  readonly level: 'info' | 'error';
  readonly correlationId: string;
  readonly method: string;
  readonly path: string;
  readonly remoteAddress: string | undefined;
  readonly statusCode: number;
  readonly responseTime: number;
  readonly actor: { readonly name: string; readonly role: string } | undefined;
  /** The causation id the request's command recorded in its events' metadata, if it ran one. */
  readonly causationId?: string;
  readonly msg: string;
}

/**
 * What a request line says of an answer written straight on its socket, beside Fastify (what
 * Node's parser refused, an Expect not met, CONNECT): the method and path its request line
 * named (`-` when none could be read).
 */
export interface SocketAnswer {
  readonly correlationId: string;
  readonly method: string;
  readonly path: string;
  readonly remoteAddress: string | undefined;
  readonly statusCode: number;
}

/** Text JSON can carry between quotes as it is: printable ASCII but `"` and `\`. */
const PLAIN_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function quoted(text: string): string {
  return PLAIN_TEXT.test(text) ? `"${text}"` : JSON.stringify(text);
}

/**
 * The request lines, written straight to the logs' destination in the shape pino gives
 * every other line (level, time, service, the fields, msg). Built as text: through pino's
 * generic serializer a line cost ~18 µs of the service's thread, 5 % of a command.
 */
export class RequestLines {
  private readonly threshold: number;

  constructor(
    level: LogLevel | 'silent',
    private readonly destination: DestinationStream,
  ) {
    this.threshold = level === 'silent' ? Infinity : pino.levels.values[level];
  }

  isLevelEnabled(level: RequestLine['level']): boolean {
    return pino.levels.values[level] >= this.threshold;
  }

  /**
   * The line of an answer written on its socket: no route ran, so no caller is named, and it
   * is written as the answer is, before any of the request's body was read (time 0).
   */
  writeSocketAnswer(answer: SocketAnswer): void {
    const { method, path, statusCode } = answer;
    this.write({
      ...answer,
      level: levelOf(statusCode),
      responseTime: 0,
      actor: undefined,
      msg: requestLineMessage(method, path, statusCode),
    });
  }

  write(line: RequestLine): void {
    if (!this.isLevelEnabled(line.level)) return;
    const address =
      line.remoteAddress === undefined ? '' : `,"remoteAddress":${quoted(line.remoteAddress)}`;
    const actor =
      line.actor === undefined
        ? ''
        : `,"actor":${quoted(line.actor.name)},"role":${quoted(line.actor.role)}`;
    const causation =
      line.causationId === undefined ? '' : `,"causationId":${quoted(line.causationId)}`;
    this.destination.write(
      `{"level":${pino.levels.values[line.level]}${timeField()},"service":"envoy-ledger",` +
        `"correlationId":${quoted(line.correlationId)},` +
        `"req":{"method":${quoted(line.method)},"path":${quoted(line.path)}${address}},` +
        `"res":{"statusCode":${line.statusCode}},"responseTime":${line.responseTime}${actor}` +
        `${causation},"msg":${quoted(line.msg)}}\n`,
    );
  }
}

/**
 * One line per answered request, written when the answer has gone: method, path without
 * its query string, status, time taken, the correlation id and the caller's token *name*
 * (never the token). No body and no header values, so no diplomat's name or other
 * personal data. A plain hook rather than a child logger per request (on the command path
 * a child logger cost more than validating the body), and, since every field is chosen
 * here and none can hold a secret, through the logger without the redaction pass (which
 * doubled the cost of a line). A live feed gets its line when it ends, whichever side ends it
 * (see AnswerEnds).
 */
export function registerRequestLog(
  fastify: FastifyInstance,
  lines: RequestLines,
  ends: AnswerEnds,
): void {
  ends.add(fastify, (request, reply, done) => {
    const status = answeredStatusOf(request, reply);
    const level = levelOf(status);
    if (lines.isLevelEnabled(level)) {
      const raw = request.raw;
      const path = request.url.split('?')[0];
      lines.write({
        level,
        correlationId: correlationIdOfRaw(raw),
        method: request.method,
        path,
        remoteAddress: request.ip,
        statusCode: status,
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
        actor: actorOf(raw),
        causationId: request.method === 'POST' ? causationIdOfRequest(raw) : undefined,
        msg: requestLineMessage(request.method, path, status),
      });
    }
    done();
  });
}

function failed(status: number): boolean {
  return status >= 500 && !CLIENT_CAUSED_5XX.has(status);
}

function levelOf(status: number): RequestLine['level'] {
  return failed(status) ? 'error' : 'info';
}

function requestLineMessage(method: string, path: string, status: number): string {
  return `${method} ${path} ${status}${outcomeNote(status)}`;
}

/** What a request line adds to its status: a failure, or a client that left before its answer. */
function outcomeNote(status: number): string {
  if (status === CLIENT_CLOSED_REQUEST) return ' closed by the client before the answer';
  return failed(status) ? ' failed' : '';
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
