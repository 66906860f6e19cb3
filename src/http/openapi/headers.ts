import type { HeadersObject, ParameterObject } from '@nestjs/swagger';
import { IF_MATCH_PATTERN } from '../request-headers.js';

const CORRELATION_ID_PATTERN = '^[A-Za-z0-9._:@/+=-]{1,128}$';

// ---- request headers -------------------------------------------------------------------------

export const CORRELATION_ID_PARAMETER: ParameterObject = {
  name: 'X-Correlation-Id',
  in: 'header',
  required: false,
  description:
    'Ties this request to others: a token of 1 to 128 characters `A-Z a-z 0-9 . _ : @ / + = -`; anything else is replaced by a fresh uuid. Echoed in the response and recorded in the metadata of every event the request causes.',
  schema: { type: 'string', pattern: CORRELATION_ID_PATTERN },
  example: 'demo-7f3c2a',
};

export const IDEMPOTENCY_KEY_PARAMETER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the POST safe to retry: per caller and key, the first answer (a success or a final 404/409/422 refusal) is recorded and a retry of the same request gets it again, with `Idempotent-Replayed: true`; the same key with a different request is a 422. A 412 is not kept (it answers If-Match, which the key does not cover): retry with the same key and a fresh If-Match. 1 to 255 visible ASCII characters, otherwise 400.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
  example: 'rok-cuba-2024-06-12',
};

export const IF_MATCH_PARAMETER: ParameterObject = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'Optimistic concurrency (RFC 9110 §13.1.1): the revision the command was decided on, in quotes as the ETag gave it (`"3"`), or a list of entity tags (`"2", "3"`): the command goes ahead when the resource is at one of them, and is a 412 when it has moved on. Tags are compared strongly: a weak tag (`W/"3"`) or one the service never gives (`"03"`) matches nothing, so a list of only those is a 412. `*` asks only that the resource exist (412 when a command that would create it finds it does not yet). A command on something that does not exist (a mission never planned, a diplomat never dispatched, another mission’s nominee) is its 404 whatever If-Match says. A value that is not `*` or entity tags (`3`, `W/3`) is a 400.',
  schema: { type: 'string', pattern: IF_MATCH_PATTERN.source },
  example: '"3"',
};

// ---- response headers ------------------------------------------------------------------------

export const CORRELATION_ID_RESPONSE_HEADER: HeadersObject = {
  'X-Correlation-Id': {
    description:
      'The caller’s X-Correlation-Id when it was a sane token, a fresh uuid otherwise (on every response).',
    schema: { type: 'string', pattern: CORRELATION_ID_PATTERN },
    example: 'demo-7f3c2a',
  },
};

export const REPLAYED_RESPONSE_HEADER: HeadersObject = {
  'Idempotent-Replayed': {
    description:
      'Present (`true`) when this is the recorded answer to an earlier request with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
};

export const ETAG_RESPONSE_HEADER: HeadersObject = {
  ETag: {
    description:
      'The resource’s revision in quotes (`"4"`); send it as If-Match to make the next command conditional.',
    schema: { type: 'string', pattern: '^"\\d+"$' },
    example: '"4"',
  },
};

const NOT_COUNTED =
  'Sent on every answer once the token has been counted, which is before the body is read: errors included, a body refused as malformed, not JSON or over 1 MiB too; the rate limit’s own 429 says none are left; absent from answers given before (401, 403, a node shutting down’s 503).';

/** On every answer to a caller with a token: the per-token rate limit (RATE_LIMIT_*). */
export const RATE_LIMIT_RESPONSE_HEADERS: HeadersObject = {
  'X-RateLimit-Limit': {
    description: `Requests this token may make per window (RATE_LIMIT_REQUESTS, 1200 by default). ${NOT_COUNTED}`,
    schema: { type: 'integer' },
    example: 1200,
  },
  'X-RateLimit-Remaining': {
    description: `Requests this token may still make now, counted over the sliding window. ${NOT_COUNTED}`,
    schema: { type: 'integer' },
    example: 1199,
  },
  'X-RateLimit-Reset': {
    description: `Whole seconds until the sliding window (RATE_LIMIT_WINDOW_SECONDS, 60 by default) lets this token make one more request than X-RateLimit-Remaining says: with none remaining, until its next request is let in (on the rate limit’s 429, equal to Retry-After). ${NOT_COUNTED}`,
    schema: { type: 'integer' },
    example: 61,
  },
};

export function locationResponseHeader(example: string): HeadersObject {
  return {
    Location: {
      description: 'The resource the command created or changed.',
      schema: { type: 'string', format: 'uri-reference' },
      example,
    },
  };
}
