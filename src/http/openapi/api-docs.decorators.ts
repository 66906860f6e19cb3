import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  type HeadersObject,
  type ParameterObject,
} from '@nestjs/swagger';
import {
  CORRELATION_ID_PARAMETER,
  CORRELATION_ID_RESPONSE_HEADER,
  ETAG_RESPONSE_HEADER,
  IDEMPOTENCY_KEY_PARAMETER,
  IF_MATCH_PARAMETER,
  locationResponseHeader,
  REPLAYED_RESPONSE_HEADER,
} from './headers.js';
import {
  problemResponse,
  type ProblemResponseOptions,
  type ProblemStatus,
} from './problem-responses.js';
import { FieldErrorSchema, ProblemSchema } from './problem.schema.js';

/** The name of the bearer security scheme in the document. */
export const BEARER_SCHEME = 'bearer';

function headerParameter({
  in: _in,
  ...header
}: ParameterObject): MethodDecorator & ClassDecorator {
  return ApiHeader(header);
}

/** X-Correlation-Id, which every route accepts. */
export function ApiCorrelationIdHeader(): MethodDecorator & ClassDecorator {
  return headerParameter(CORRELATION_ID_PARAMETER);
}

/** Idempotency-Key, If-Match and X-Correlation-Id: the headers every command (POST) reads. */
function ApiCommandHeaders(): MethodDecorator {
  return applyDecorators(
    headerParameter(IDEMPOTENCY_KEY_PARAMETER),
    headerParameter(IF_MATCH_PARAMETER),
    ApiCorrelationIdHeader(),
  );
}

/** The given error responses, each as application/problem+json listing its problem types. */
export function ApiProblemResponses(
  statuses: readonly ProblemStatus[],
  options: ProblemResponseOptions = {},
): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemSchema, FieldErrorSchema),
    ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status, options) })),
  );
}

// ---- commands --------------------------------------------------------------------------------

/** What every command can answer with; 404 only where the path names a resource. */
const COMMAND_PROBLEM_STATUSES = [
  400, 401, 403, 404, 409, 412, 413, 415, 422, 500, 503,
] as const satisfies readonly ProblemStatus[];

export interface CommandDoc {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  /** The success body's schema. */
  readonly response: Type<unknown>;
  /** What a 201 means for this command. */
  readonly created: string;
  /** What a 200 means, when the command may answer 200. */
  readonly ok?: string;
  /** The 400's domain rules: fields they refuse whatever is recorded. */
  readonly invalid?: readonly string[];
  /** Set when the path names a resource that may not exist: the 404's domain rules. */
  readonly notFound?: readonly string[];
  /** The 409's domain rules. */
  readonly conflicts?: readonly string[];
  /** The 422's domain rules. */
  readonly unprocessable?: readonly string[];
  /** A path of this route, for the examples' `instance`. */
  readonly examplePath: string;
  /** An example Location of the answer. */
  readonly exampleLocation: string;
}

function commandSuccessHeaders(location: string): HeadersObject {
  return {
    ...ETAG_RESPONSE_HEADER,
    ...locationResponseHeader(location),
    ...CORRELATION_ID_RESPONSE_HEADER,
    ...REPLAYED_RESPONSE_HEADER,
  };
}

/** A command's success answers: 201 (and 200 when it may change nothing), with ETag and Location. */
function ApiCommandResponses(doc: CommandDoc): MethodDecorator {
  const headers = commandSuccessHeaders(doc.exampleLocation);
  const created = ApiResponse({
    status: 201,
    description: doc.created,
    type: doc.response,
    headers,
  });
  if (doc.ok === undefined) return created;
  return applyDecorators(
    created,
    ApiResponse({ status: 200, description: doc.ok, type: doc.response, headers }),
  );
}

/**
 * Everything a command route documents: operation, bearer auth, Idempotency-Key, If-Match
 * and X-Correlation-Id, its success answers and every problem it can answer with. Who may
 * call it is added from its @Allow metadata when the document is built.
 */
export function ApiCommand(doc: CommandDoc): MethodDecorator {
  const statuses = COMMAND_PROBLEM_STATUSES.filter(
    (status) => status !== 404 || doc.notFound !== undefined,
  );
  return applyDecorators(
    ApiOperation({
      operationId: doc.operationId,
      summary: doc.summary,
      description: doc.description,
    }),
    ApiBearerAuth(BEARER_SCHEME),
    ApiCommandHeaders(),
    ApiCommandResponses(doc),
    ApiProblemResponses(statuses, {
      examplePath: doc.examplePath,
      body: true,
      ifMatch: true,
      replayable: true,
      store: true,
      rules: {
        400: doc.invalid,
        404: doc.notFound,
        409: doc.conflicts,
        422: doc.unprocessable,
      },
    }),
  );
}

// ---- reads -----------------------------------------------------------------------------------

export interface ReadDoc {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly response: Type<unknown>;
  /** What the 200 holds. */
  readonly ok: string;
  /** The answer carries the resource's revision as ETag. */
  readonly etag?: boolean;
  /** Set when the path names a resource that may not exist: the 404's domain rules. */
  readonly notFound?: readonly string[];
  /** Takes `minPosition` (read-your-writes): may answer 504. */
  readonly minPosition?: boolean;
  /** The 422's domain rules, for a read whose query a rule may refuse (a date in the future). */
  readonly unprocessable?: readonly string[];
  /** A path of this route, for the examples' `instance`. */
  readonly examplePath: string;
}

/** An authenticated read: 200, and 400 (query), 401, 403, 404, 422, 500 and 504 as problems. */
export function ApiRead(doc: ReadDoc): MethodDecorator {
  const statuses: ProblemStatus[] = [400, 401, 403];
  if (doc.notFound !== undefined) statuses.push(404);
  if (doc.unprocessable !== undefined) statuses.push(422);
  statuses.push(500);
  if (doc.minPosition) statuses.push(504);
  return applyDecorators(
    ApiOperation({
      operationId: doc.operationId,
      summary: doc.summary,
      description: doc.description,
    }),
    ApiBearerAuth(BEARER_SCHEME),
    ApiCorrelationIdHeader(),
    ApiResponse({
      status: 200,
      description: doc.ok,
      type: doc.response,
      headers: { ...(doc.etag ? ETAG_RESPONSE_HEADER : {}), ...CORRELATION_ID_RESPONSE_HEADER },
    }),
    ApiProblemResponses(statuses, {
      examplePath: doc.examplePath,
      rules: { 404: doc.notFound, 422: doc.unprocessable },
    }),
  );
}
