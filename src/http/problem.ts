/**
 * RFC 9457 problem details. `type` is a stable URI reference per reason, so clients
 * branch on it rather than on the human-readable `title` and `detail`.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** Every invalid field, for validation failures. */
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export interface FieldError {
  /** Where the bad value is, as a JSON-path-like string: `outcomes[0].missions[1].city`. */
  readonly path: string;
  readonly message: string;
  /** The domain rule that refuses the field, when one does (`invalid-city`, `same-parties`). */
  readonly rule?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The stable problem types this API answers with, and their titles and statuses. */
export const ProblemTypes = {
  malformedJson: { slug: 'malformed-json', title: 'Malformed JSON body', status: 400 },
  validation: { slug: 'validation-failed', title: 'Invalid request', status: 400 },
  unauthenticated: { slug: 'unauthenticated', title: 'Authentication required', status: 401 },
  forbidden: { slug: 'forbidden', title: 'Role not allowed', status: 403 },
  notFound: { slug: 'not-found', title: 'Not found', status: 404 },
  hostMissing: { slug: 'host-required', title: 'Host header required', status: 400 },
  malformedRequest: { slug: 'malformed-request', title: 'Malformed request', status: 400 },
  methodNotAllowed: { slug: 'method-not-allowed', title: 'Method not allowed', status: 405 },
  requestTimeout: { slug: 'request-timeout', title: 'Request not received in time', status: 408 },
  conflict: { slug: 'rule-violated', title: 'Refused by a domain rule', status: 409 },
  inProgress: { slug: 'request-in-progress', title: 'Request in progress', status: 409 },
  preconditionFailed: { slug: 'stale-revision', title: 'Precondition failed', status: 412 },
  preconditionRequired: { slug: 'bad-if-match', title: 'Invalid If-Match', status: 400 },
  payloadTooLarge: { slug: 'payload-too-large', title: 'Request body too large', status: 413 },
  unsupportedMediaType: {
    slug: 'unsupported-media-type',
    title: 'Unsupported media type',
    status: 415,
  },
  expectationFailed: {
    slug: 'expectation-failed',
    title: 'Expectation not supported',
    status: 417,
  },
  unprocessable: { slug: 'unprocessable', title: 'Unprocessable request', status: 422 },
  idempotencyKeyReused: {
    slug: 'idempotency-key-reused',
    title: 'Idempotency key reused with a different request',
    status: 422,
  },
  tooManyRequests: { slug: 'too-many-requests', title: 'Too many requests', status: 429 },
  headersTooLarge: {
    slug: 'headers-too-large',
    title: 'Request headers too large',
    status: 431,
  },
  internal: { slug: 'internal-error', title: 'Internal error', status: 500 },
  storedEventDamaged: {
    slug: 'stored-event-damaged',
    title: 'Stored event damaged',
    status: 500,
  },
  notImplemented: { slug: 'not-implemented', title: 'Not implemented', status: 501 },
  storeUnavailable: {
    slug: 'store-unavailable',
    title: 'Event store unavailable',
    status: 503,
  },
  shuttingDown: { slug: 'shutting-down', title: 'Service shutting down', status: 503 },
  timeout: { slug: 'timeout', title: 'Timed out', status: 504 },
  httpVersionNotSupported: {
    slug: 'http-version-not-supported',
    title: 'HTTP version not supported',
    status: 505,
  },
} as const;

export type ProblemKind = keyof typeof ProblemTypes;

export function problemTypeUri(slug: string): string {
  return `/problems/${slug}`;
}

export function problem(
  kind: ProblemKind,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  const { slug, title, status } = ProblemTypes[kind];
  return { type: problemTypeUri(slug), title, status, detail, ...extensions };
}

/** 413: a body over the limit, whether its Content-Length says so or reading it finds out. */
export function bodyTooLarge(): Problem {
  return problem('payloadTooLarge', 'The request body is larger than the service accepts.');
}

/** 415: a body that is not JSON, the only kind this API reads. */
export function notJsonBody(): Problem {
  return problem('unsupportedMediaType', 'Send the body as application/json.');
}

/** Thrown by adapters to answer with a specific problem; headers (e.g. Retry-After) ride along. */
export class ProblemException extends Error {
  override readonly name = 'ProblemException';
  constructor(
    readonly problem: Problem,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail);
  }
}

/** How many invalid fields an answer lists at most, whatever the request sent. */
export const LISTED_ERRORS = 100;

/**
 * 5xx statuses that say what the client sent, not that the service failed: a method or
 * transfer coding it does not implement (501), an HTTP version it does not speak (505).
 */
export const CLIENT_CAUSED_5XX: ReadonlySet<number> = new Set([501, 505]);

/**
 * A 400 for invalid fields: `errors` lists them (the first LISTED_ERRORS, the detail then
 * saying how many there were), the detail names the first three.
 */
export function invalidFields(errors: readonly FieldError[]): ProblemException {
  const summary = errors
    .slice(0, 3)
    .map((f) => `${f.path}: ${f.message}`)
    .join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more${unlisted(errors)})` : '';
  return new ProblemException(
    problem('validation', `The request has invalid fields: ${summary}${more}`, {
      errors: errors.slice(0, LISTED_ERRORS),
    }),
  );
}

/** What the detail of an answer listing `errors` adds when it cannot list them all. */
export function unlisted(errors: readonly unknown[]): string {
  return errors.length > LISTED_ERRORS
    ? `; errors lists the first ${LISTED_ERRORS} of ${errors.length}`
    : '';
}
