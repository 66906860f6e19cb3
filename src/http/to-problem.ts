import { HttpException } from '@nestjs/common';
import {
  ContentionError,
  IdempotencyKeyReusedError,
  StaleRevisionError,
} from '../command-handling/command-errors.js';
import { DomainRuleError } from '../shared/domain-rule.error.js';
import {
  AppendTooLargeError,
  DamagedEventError,
  describeLimit,
  DuplicateEventIdError,
  StoreUnavailableError,
  StreamNotFoundError,
} from '../event-store/event-store.errors.js';
import {
  bodyTooLarge,
  invalidFields,
  notJsonBody,
  problem,
  ProblemException,
  problemTypeUri,
  type Problem,
} from './problem.js';

export interface ProblemResponse {
  readonly problem: Problem;
  readonly headers: Readonly<Record<string, string>>;
}

const FASTIFY_CODES: Partial<Record<string, () => Problem>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: bodyTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: notJsonBody,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    problem('malformedJson', 'The Content-Length header does not match the body.'),
  // Router errors, which reach the filter only through Fastify's `frameworkErrors` option.
  FST_ERR_BAD_URL: () => problem('validation', 'The URL is not validly percent-encoded.'),
  FST_ERR_MAX_PARAM_LENGTH: () =>
    problem('notFound', 'No such resource: a path segment is too long.'),
};

/**
 * The one place an error becomes an HTTP answer. Anything unknown is a 500 whose
 * detail says nothing about internals (the caller logs the error).
 */
export function toProblem(error: unknown): ProblemResponse {
  if (error instanceof ProblemException) return { problem: error.problem, headers: error.headers };
  if (error instanceof DomainRuleError) return { problem: fromDomainRule(error), headers: {} };
  if (error instanceof StaleRevisionError) {
    const current = error.actual === undefined ? {} : { currentRevision: error.actual };
    return { problem: problem('preconditionFailed', error.message, current), headers: {} };
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return { problem: problem('idempotencyKeyReused', error.message), headers: {} };
  }
  if (error instanceof ContentionError) {
    return { problem: problem('storeUnavailable', error.message), headers: { 'Retry-After': '1' } };
  }
  if (error instanceof AppendTooLargeError) {
    return {
      problem: problem(
        'payloadTooLarge',
        `The events this request would record are larger than the event store takes in one append (${describeLimit(error.maxBytes)}); nothing was changed.`,
      ),
      headers: {},
    };
  }
  if (error instanceof StoreUnavailableError) {
    return {
      problem: problem(
        'storeUnavailable',
        error.outcomeUnknown
          ? 'The event store did not confirm the write, which it may have done. Retry the same request with the same Idempotency-Key: it is answered as the first, whether that was recorded or not.'
          : 'The event store cannot be reached or cannot write right now; nothing was changed. Retry later.',
        error.outcomeUnknown ? { outcomeUnknown: true } : {},
      ),
      headers: { 'Retry-After': '5' },
    };
  }
  if (error instanceof DamagedEventError) {
    return { problem: damagedEventProblem(error), headers: {} };
  }
  if (error instanceof StreamNotFoundError) {
    return { problem: problem('notFound', 'No such resource.'), headers: {} };
  }
  if (error instanceof DuplicateEventIdError) {
    return {
      problem: problem('conflict', 'This request repeats events already recorded differently.'),
      headers: {},
    };
  }
  const fastifyProblem = FASTIFY_CODES[fastifyCodeOf(error)];
  if (fastifyProblem) return { problem: fastifyProblem(), headers: {} };
  if (error instanceof HttpException) return { problem: fromHttpException(error), headers: {} };
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { problem: fromStatus(status, 'The request was refused.'), headers: {} };
  }
  return {
    problem: problem('internal', 'The service failed to handle this request; nothing was changed.'),
    headers: {},
  };
}

function damagedEventProblem(error: DamagedEventError): Problem {
  return problem(
    'storedEventDamaged',
    `The event store holds event ${error.revision} of ${error.stream} damaged (${error.why}), so this request cannot be answered; nothing was changed. An operator lists every damaged event with the audit verify and restores the store from a backup.`,
    { stream: error.stream, revision: error.revision, position: error.position },
  );
}

/** Fastify's own errors (body parsing, limits) arrive wrapped by Nest as the cause of an HttpException. */
function fastifyCodeOf(error: unknown): string {
  const source = error instanceof HttpException && error.cause ? error.cause : error;
  const code = (source as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function fromDomainRule(error: DomainRuleError): Problem {
  if (error.kind === 'invalid') {
    // An invalid field, as the validation of the request names one: a 400 listing it.
    const field = { path: error.path ?? '(body)', message: error.detail, rule: error.rule };
    return { ...invalidFields([field]).problem, rule: error.rule };
  }
  const kind =
    error.kind === 'unprocessable'
      ? 'unprocessable'
      : error.kind === 'not-found'
        ? 'notFound'
        : 'conflict';
  const detail = `Refused by rule ${error.rule}: ${error.detail}.`;
  const extensions =
    error.path === undefined ? { rule: error.rule } : { rule: error.rule, path: error.path };
  return { ...problem(kind, detail, extensions), type: problemTypeUri(error.rule) };
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const response = error.getResponse();
  const message =
    typeof response === 'object' && response !== null && 'message' in response
      ? String((response as { message: unknown }).message)
      : error.message;
  return fromStatus(status, message);
}

function fromStatus(status: number, detail: string): Problem {
  switch (status) {
    case 400:
      return problem('validation', detail);
    case 401:
      return problem('unauthenticated', detail);
    case 403:
      return problem('forbidden', detail);
    case 404:
      return problem('notFound', detail);
    case 405:
      return problem('methodNotAllowed', detail);
    case 413:
      return problem('payloadTooLarge', detail);
    case 415:
      return problem('unsupportedMediaType', detail);
    case 429:
      return problem('tooManyRequests', detail);
    default:
      return status >= 500
        ? problem('internal', 'The service failed to handle this request; nothing was changed.')
        : { ...problem('validation', detail), status };
  }
}
