import {
  getSchemaPath,
  type ExampleObject,
  type HeadersObject,
  type ResponseObject,
} from '@nestjs/swagger';
import {
  PROBLEM_CONTENT_TYPE,
  problem,
  type Problem,
  type ProblemKind,
  ProblemTypes,
  problemTypeUri,
} from '../problem.js';
import { CORRELATION_ID_RESPONSE_HEADER, REPLAYED_RESPONSE_HEADER } from './headers.js';
import { ProblemSchema } from './problem.schema.js';

/** The error statuses the API answers with. */
export type ProblemStatus =
  400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 503 | 504;

/**
 * Domain rule ids a route may refuse with, per status; each becomes `/problems/<rule>`, but
 * for the 400's, which refuse a field: `/problems/validation-failed`, the field in `errors[]`
 * with the rule in its `rule`.
 */
export interface RuleRefusals {
  readonly 400?: readonly string[];
  readonly 404?: readonly string[];
  readonly 409?: readonly string[];
  readonly 422?: readonly string[];
}

export interface ProblemResponseOptions {
  /** Domain rules the route may refuse with. */
  readonly rules?: RuleRefusals;
  /** The path used as `instance` in the examples. */
  readonly examplePath?: string;
  /** The route takes a JSON body (400 malformed-json). */
  readonly body?: boolean;
  /** The route reads If-Match (400 bad-if-match). */
  readonly ifMatch?: boolean;
  /** The route writes to the event store (503 store-unavailable). */
  readonly store?: boolean;
  /** POST under Idempotency-Key: final refusals (404, 409, 412, 422) are replayed to a retry. */
  readonly replayable?: boolean;
}

interface ProblemTypeDoc {
  readonly kind: ProblemKind;
  /** When the service answers with this type. */
  readonly when: string;
  /** A sample detail for the example. */
  readonly detail: string;
  readonly extensions?: Record<string, unknown>;
  /** Only on routes that take a body / read If-Match / write to the store. */
  readonly only?: 'body' | 'ifMatch' | 'store';
}

interface StatusDoc {
  readonly summary: string;
  readonly types: readonly ProblemTypeDoc[];
  /** Refusals by a domain rule answer with this kind's title. */
  readonly ruleKind?: ProblemKind;
  readonly headers?: HeadersObject;
}

const RETRY_AFTER = (seconds: number): HeadersObject => ({
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer', minimum: 1 },
    example: seconds,
  },
});

/**
 * A node shutting down (SIGTERM) answers every new request with this, on every route, public
 * ones included, before the token is looked at (Retry-After 2, Connection: close).
 */
const SHUTTING_DOWN: ProblemTypeDoc = {
  kind: 'shuttingDown',
  when: 'the node is shutting down and takes no new request, on every route and before the token is looked at (Retry-After 2, `Connection: close`)',
  detail:
    'This node is shutting down; retry, and the request will reach another node or this one once restarted.',
};

const STATUS_DOCS: Record<ProblemStatus, StatusDoc> = {
  400: {
    summary: 'The request is malformed or a field is invalid.',
    types: [
      {
        kind: 'validation',
        when: 'a body field or query parameter is invalid or unknown, or a header (Idempotency-Key, Last-Event-ID) is malformed; `errors[]` lists every invalid field',
        detail:
          'The request has invalid fields: heldOn: heldOn must be a calendar date written YYYY-MM-DD',
        extensions: {
          errors: [
            { path: 'heldOn', message: 'heldOn must be a calendar date written YYYY-MM-DD' },
          ],
        },
      },
      {
        kind: 'malformedJson',
        when: 'the body is not JSON, is empty, or does not match Content-Length',
        detail: 'The body is not valid JSON.',
        only: 'body',
      },
      {
        kind: 'hostMissing',
        when: 'an HTTP/1.1 request names no Host',
        detail: 'An HTTP/1.1 request must name the host it is for: send a Host header.',
      },
      {
        kind: 'malformedRequest',
        when: 'Host, Authorization or Content-Type is sent more than once, Host is not a host with an optional port, the target carries a fragment (`#`), or the bytes sent are not HTTP; answered before the token and the body',
        detail: 'Authorization may appear once in a request; it was sent more than once.',
        extensions: {
          errors: [{ path: 'header:Authorization', message: 'sent more than once' }],
        },
      },
      {
        kind: 'preconditionRequired',
        when: 'If-Match is neither `*` nor a list of entity tags (`"7"`, `"6", "7"`)',
        detail:
          'If-Match must be * or entity tags in quotes, as the ETag gave them: "7" (or "6", "7").',
        only: 'ifMatch',
      },
    ],
  },
  401: {
    summary: 'No valid bearer token.',
    types: [
      {
        kind: 'unauthenticated',
        when: 'the Authorization header is missing, malformed or names no known token',
        detail: 'Send a valid token as "Authorization: Bearer <token>".',
      },
    ],
    headers: {
      'WWW-Authenticate': {
        description:
          'The scheme to authenticate with: `Bearer realm="envoy-ledger"`, followed by `, error="invalid_token"` when the request presented a bearer token that is not a valid one (RFC 6750 §3.1).',
        schema: { type: 'string' },
        example: 'Bearer realm="envoy-ledger", error="invalid_token"',
      },
    },
  },
  403: {
    summary: 'The token’s role may not call this route.',
    types: [
      {
        kind: 'forbidden',
        when: 'the caller’s role is not among the roles this route allows',
        detail: 'The viewer role may not do this; it needs staff or admin.',
      },
    ],
  },
  404: {
    summary: 'What the path names does not exist.',
    ruleKind: 'notFound',
    types: [
      {
        kind: 'notFound',
        when: 'on a read, an id in the path is malformed or names nothing; on any route, a path segment longer than any id',
        detail: 'No such mission: mission ids look like kr-cu-havana.',
      },
    ],
  },
  409: {
    summary: 'The resource’s current state forbids the command; nothing was recorded.',
    ruleKind: 'conflict',
    types: [
      {
        kind: 'conflict',
        when: 'the request repeats events already recorded differently',
        detail: 'This request repeats events already recorded differently.',
      },
    ],
  },
  412: {
    summary: 'If-Match names a revision the resource has moved past; nothing was recorded.',
    types: [
      {
        kind: 'preconditionFailed',
        when: 'If-Match is not the current revision (`currentRevision` says which it is)',
        detail: 'If-Match names revision 3 but the current revision is 4',
        extensions: { currentRevision: 4 },
      },
    ],
  },
  413: {
    summary: 'The body is larger than the service accepts (1 MiB).',
    types: [
      {
        kind: 'payloadTooLarge',
        when: 'the body exceeds 1 MiB',
        detail: 'The request body is larger than the service accepts.',
      },
    ],
  },
  415: {
    summary: 'The body is not application/json.',
    types: [
      {
        kind: 'unsupportedMediaType',
        when: 'a body is sent with a Content-Type other than application/json',
        detail: 'Send the body as application/json.',
      },
    ],
  },
  422: {
    summary: 'The request is well-formed but cannot be applied; nothing was recorded.',
    ruleKind: 'unprocessable',
    types: [
      {
        kind: 'idempotencyKeyReused',
        when: 'the Idempotency-Key was used before, by the same caller, for a different request',
        detail: 'Idempotency-Key "rok-cuba-2024-06-12" was already used for a different request',
      },
    ],
  },
  429: {
    summary:
      'Too many requests: the token used up its allowance for the window (RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW_SECONDS), or, for a live feed, holds as many as it may at once; retry after Retry-After seconds.',
    types: [
      {
        kind: 'tooManyRequests',
        when: 'the token made more requests in the window than the rate limit allows, or holds too many live feeds at once',
        detail: 'This token made more than 1200 requests in 60 s; retry after 12 s.',
      },
    ],
    headers: RETRY_AFTER(5),
  },
  500: {
    summary: 'The service failed; nothing was changed.',
    types: [
      {
        kind: 'internal',
        when: 'an unexpected failure (the service logs it)',
        detail: 'The service failed to handle this request; nothing was changed.',
      },
      {
        kind: 'storedEventDamaged',
        when: 'an event the request must read is stored damaged (its data or metadata no longer JSON, e.g. a disk fault): waiting will not help; `stream`, `revision` and `position` name it',
        detail:
          'The event store holds event 1 of mission-kr-cu-havana damaged (its data is not valid JSON (Unterminated string in JSON at position 10)), so this request cannot be answered; nothing was changed. An operator lists every damaged event with the audit verify and restores the store from a backup.',
        extensions: {
          stream: 'mission-kr-cu-havana',
          revision: 1,
          position: '00000000000000020000000000000002',
        },
      },
    ],
  },
  503: {
    summary:
      'The service cannot answer this now; nothing was changed. Retry after Retry-After seconds.',
    types: [
      {
        kind: 'storeUnavailable',
        when: 'the event store cannot be reached or cannot write, or concurrent changes kept winning the race (Retry-After 1); with `outcomeUnknown: true` when KurrentDB did not confirm an append it may have done (sent three times in all): retry with the same Idempotency-Key',
        detail:
          'The event store cannot be reached or cannot write right now; nothing was changed. Retry later.',
        only: 'store',
      },
      SHUTTING_DOWN,
    ],
    headers: {
      ...RETRY_AFTER(2),
      Connection: {
        description:
          '`close` when the node is shutting down: reconnect, and the retry reaches another node or this one once restarted.',
        schema: { type: 'string' },
        example: 'close',
      },
    },
  },
  504: {
    summary: 'The read models did not reach `minPosition` in time.',
    types: [
      {
        kind: 'timeout',
        when: 'a read with `minPosition` waited 5 s for the read models to apply it',
        detail:
          'The read models have not reached position 00000000000000050000000000000005 within 5000 ms; retry shortly.',
      },
    ],
    headers: RETRY_AFTER(1),
  },
};

/** The refusals an Idempotency-Key keeps and replays (a 412 answers If-Match and is never kept). */
const REPLAYED_STATUSES: readonly ProblemStatus[] = [404, 409, 422];

function rulesOf(status: ProblemStatus, rules: RuleRefusals | undefined): readonly string[] {
  if (status === 400 || status === 404 || status === 409 || status === 422) {
    return rules?.[status] ?? [];
  }
  return [];
}

/**
 * One error response as application/problem+json (schema `Problem`): the description lists
 * every problem `type` the status comes with on this route, each with an example.
 */
export function problemResponse(
  status: ProblemStatus,
  options: ProblemResponseOptions = {},
): ResponseObject {
  const doc = STATUS_DOCS[status];
  const instance = options.examplePath ?? '/api/missions/kr-cu-havana';
  const examples: Record<string, ExampleObject> = {};
  const lines: string[] = [];
  for (const type of doc.types) {
    if (type.only === 'body' && !options.body) continue;
    if (type.only === 'ifMatch' && !options.ifMatch) continue;
    if (type.only === 'store' && !options.store) continue;
    const value: Problem = { ...problem(type.kind, type.detail, type.extensions), instance };
    examples[ProblemTypes[type.kind].slug] = { summary: type.when, value };
    lines.push(`- \`${value.type}\` (${ProblemTypes[type.kind].title}): ${type.when}`);
  }
  const rules = rulesOf(status, options.rules);
  if (rules.length > 0 && status === 400) {
    lines.push(
      '',
      'Fields refused by a domain rule, whatever is recorded (`type` `/problems/validation-failed`, each such field in `errors[]` at its path, the rule id in its `rule`, beside the request’s other invalid fields):',
      ...rules.map((rule) => `- \`${rule}\``),
    );
  }
  if (rules.length > 0 && doc.ruleKind) {
    lines.push(
      '',
      'Refused by a domain rule (`type` `/problems/<rule>`, the rule id also in `rule`):',
    );
    for (const rule of rules) {
      const value: Problem = {
        ...problem(doc.ruleKind, `Refused by rule ${rule}.`, { rule }),
        type: problemTypeUri(rule),
        instance,
      };
      examples[rule] = { summary: `refused by rule ${rule}`, value };
      lines.push(`- \`${value.type}\``);
    }
  }
  const replayed = options.replayable === true && REPLAYED_STATUSES.includes(status);
  return {
    description: `${doc.summary}\n\nProblem types:\n${lines.join('\n')}`,
    headers: {
      ...CORRELATION_ID_RESPONSE_HEADER,
      ...doc.headers,
      ...(replayed ? REPLAYED_RESPONSE_HEADER : {}),
    },
    content: {
      [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemSchema) }, examples },
    },
  };
}
