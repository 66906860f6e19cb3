import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  DocumentBuilder,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { ROLES } from '../../auth/role.js';
import { BEARER_SCHEME } from './api-docs.decorators.js';
import { describeEveryResponse } from './every-response.js';
import { describeNullableOptionals } from './nullable-optionals.js';
import { describeNullableReferences } from './nullable-references.js';
import { describeValidationExamples } from './validation-examples.js';
import {
  CORRELATION_ID_PARAMETER,
  IDEMPOTENCY_KEY_PARAMETER,
  RATE_LIMIT_RESPONSE_HEADERS,
} from './headers.js';
import { problemResponse, type ProblemStatus } from './problem-responses.js';
import { FieldErrorSchema, ProblemSchema } from './problem.schema.js';
import { routeAccessOf, type RouteAccess } from './route-access.js';
import { serveSwaggerUi } from './swagger-ui.js';
import { queryParametersOf } from './validation-schemas.js';

const TITLE = 'envoy-ledger API';

/** Swagger UI. */
const DOCS_PATH = '/api/docs';
/** The OpenAPI document as JSON. */
const DOCS_JSON_PATH = '/api/docs-json';

const DESCRIPTION = `Event-sourced record of how two states establish diplomatic missions in each other's capitals: meetings and their outcomes, and each mission's milestones (plan, dispatch and arrival of diplomats, temporary office, embassy, suspension, resumption, closure).

**Authentication.** Every \`/api\` route needs \`Authorization: Bearer <token>\`. A token has one role: ${ROLES.map((r) => `\`${r}\``).join(', ')}; each operation says which roles may call it, and \`admin\` may call every route. A missing or unknown token is 401, a role that is not allowed is 403.

**HEAD** is served on every GET path (\`Allow\` lists it): the GET's status and headers without its body; it is not listed as an operation of its own.

**Commands** (POST) answer 201 when they recorded something and 200 when nothing needed recording, with the stream's new \`revision\` and \`position\`, the revision as \`ETag\` and the resource as \`Location\`. Send \`If-Match: "<revision>"\` to make a command conditional (412 when the resource moved on) and \`Idempotency-Key\` to make it safe to retry.

**Errors** are RFC 9457 problem details (\`application/problem+json\`, schema \`Problem\`); branch on \`type\`. Besides what each operation lists, any path may answer 405 \`/problems/method-not-allowed\` (a method it does not take; \`Allow\` names those it does), and any request 400 \`/problems/malformed-request\` (a repeated \`Host\`, \`Authorization\` or \`Content-Type\`, an invalid \`Host\`, a fragment in the target, bytes that are not HTTP), 408 \`/problems/request-timeout\` (not received whole within the request timeout), 417 \`/problems/expectation-failed\` (an \`Expect\` other than \`100-continue\`), 431 \`/problems/headers-too-large\` (headers too large), 501 \`/problems/not-implemented\` (a transfer coding other than chunked, or a method the service does not know) or 505 \`/problems/http-version-not-supported\` (an HTTP version whose major is not 1): these come before a route is found. A node shutting down answers every request, on every route and before the token is looked at, 503 \`/problems/shutting-down\` with \`Retry-After: 2\` and \`Connection: close\`: retry, and the request reaches another node or this one once restarted.`;

/** The OpenAPI document of the application's routes, with each route's roles from @Allow. */
function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(TITLE)
    .setDescription(DESCRIPTION)
    .setVersion('0.1.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        // Tokens are opaque strings from AUTH_TOKENS, not JWTs (the builder says JWT by default).
        bearerFormat: undefined,
        description: `One opaque token per caller (no JWT: nothing in it is read but the whole); its role (${ROLES.join(', ')}) decides which routes it may call.`,
      },
      BEARER_SCHEME,
    )
    .addTag('meetings', 'Meetings between two states and what they agreed')
    .addTag('missions', 'Diplomatic missions and their milestones')
    .addTag(
      'heads-of-mission',
      'Each mission’s head-of-mission track: agrément, appointment, credentials; chargés d’affaires a.i.',
    )
    .addTag('health', 'Liveness and event-store readiness')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemSchema, FieldErrorSchema],
  });
  const access = routeAccessOf(app);
  describeAccess(document, access);
  describeEveryResponse(document);
  describeValidationExamples(document);
  describeNullableOptionals(
    document,
    access.flatMap(({ bodyDto }) => (bodyDto ? [bodyDto] : [])),
  );
  describeNullableReferences(document);
  return document;
}

/**
 * Serves Swagger UI at /api/docs and the JSON document at /api/docs-json, without a token.
 * The document is built on its first request, not at start-up (it takes a few hundred ms).
 */
export function setupOpenApi(app: NestFastifyApplication): void {
  // Both are plain Fastify routes: Nest's guards (AuthGuard) never see them.
  SwaggerModule.setup(DOCS_PATH, app, () => createOpenApiDocument(app), {
    ui: false,
    raw: ['json'],
    jsonDocumentUrl: DOCS_JSON_PATH,
  });
  serveSwaggerUi(app.getHttpAdapter().getInstance(), DOCS_PATH, DOCS_JSON_PATH, TITLE);
}

type DocumentedOperation = OperationObject & { 'x-allowed-roles'?: string[] };

/**
 * Adds who may call each operation (from @Public / @Allow) to its description and security,
 * and gives a route no decorator documented the errors and headers every route has.
 */
function describeAccess(document: OpenAPIObject, routes: readonly RouteAccess[]): void {
  for (const route of routes) {
    const pathItem = document.paths[route.path] as
      Record<string, DocumentedOperation | undefined> | undefined;
    const operation = pathItem?.[route.method];
    if (!operation) continue;
    let access: string;
    if (route.isPublic) {
      access = '**Public:** no token needed.';
      operation.security = [];
    } else {
      const named = route.roles?.map((r) => `\`${r}\``).join(', ');
      access = !route.roles
        ? '**Roles:** any authenticated role.'
        : route.roles.includes('admin')
          ? `**Roles:** ${named}.`
          : `**Roles:** ${named} (and \`admin\`, who may call every route).`;
      operation['x-allowed-roles'] = route.roles
        ? [...new Set([...route.roles, 'admin'])]
        : [...ROLES];
      operation.security = [{ [BEARER_SCHEME]: [] }];
    }
    operation.description = [access, operation.description].filter(Boolean).join('\n\n');
    fillGaps(operation, route);
    if (everyRoleMayCall(operation)) delete operation.responses[403];
  }
}

/** A 403 answers a role the route does not allow: none where every role is allowed. */
function everyRoleMayCall(operation: DocumentedOperation): boolean {
  const allowed = operation['x-allowed-roles'];
  return allowed !== undefined && ROLES.every((role) => allowed.includes(role));
}

function hasHeader(operation: OperationObject, name: string): boolean {
  return (operation.parameters ?? []).some(
    (p) => 'in' in p && p.in === 'header' && p.name.toLowerCase() === name.toLowerCase(),
  );
}

/** Answers given before the token is counted: no token or an unknown one, a role not allowed. */
const UNCOUNTED_STATUSES = new Set(['401', '403']);

/**
 * What every route with a token answers, documented or not: the rate-limit headers on its
 * answers (errors included, once the token was counted), 429 once the token has used its window, 400 for a query string it does not read, and
 * 413 for a body over the limit.
 */
function everyAuthenticatedRoute(
  responses: NonNullable<OperationObject['responses']>,
  route: RouteAccess,
): void {
  // 413: a body over the limit, on any route (one that reads none refuses it before it is read).
  for (const status of [400, 413, 429] as const) {
    responses[status] ??= problemResponse(status, {
      examplePath: route.path,
      body: route.takesBody,
      replayable: route.method === 'post',
    });
  }
  for (const [status, response] of Object.entries(responses)) {
    if (!response || !('description' in response)) continue;
    if (UNCOUNTED_STATUSES.has(status)) continue;
    response.headers = { ...RATE_LIMIT_RESPONSE_HEADERS, ...response.headers };
  }
}

/** The generic errors and headers of a route whose controller documents none. */
function fillGaps(operation: DocumentedOperation, route: RouteAccess): void {
  const parameters = [...(operation.parameters ?? [])];
  if (!hasHeader(operation, CORRELATION_ID_PARAMETER.name))
    parameters.push(CORRELATION_ID_PARAMETER);
  const post = route.method === 'post';
  if (post && !hasHeader(operation, IDEMPOTENCY_KEY_PARAMETER.name)) {
    parameters.push(IDEMPOTENCY_KEY_PARAMETER);
  }
  for (const name of route.path.match(/(?<=\{)[^}]+(?=\})/g) ?? []) {
    if (!parameters.some((p) => 'in' in p && p.in === 'path' && p.name === name)) {
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
  }
  if (!parameters.some((p) => 'in' in p && p.in === 'query')) {
    parameters.push(
      ...route.queryDtos.flatMap(queryParametersOf),
      ...route.queryNames.map((name): ParameterObject => ({
        name,
        in: 'query',
        required: false,
        schema: { type: 'string' },
      })),
    );
  }
  operation.parameters = parameters;
  if (!operation.tags?.length) operation.tags = [route.path.split('/')[2] ?? 'default'];
  const responses = operation.responses ?? {};
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400 && response && 'description' in response && !response.description) {
      response.description = 'Success (this document does not describe the body).';
    }
  }
  const documented = Object.keys(responses).some((status) => Number(status) >= 400);
  // Every route refuses a query string it does not read (and an empty or reserved name).
  responses[400] ??= problemResponse(400, { examplePath: route.path, body: route.takesBody });
  operation.responses = responses;
  if (route.isPublic) return;
  if (!documented) {
    const statuses: ProblemStatus[] = [401];
    if (route.roles) statuses.push(403);
    if (route.path.includes('{')) statuses.push(404);
    if (post) statuses.push(413, 415, 422);
    statuses.push(500);
    for (const status of statuses) {
      responses[status] = problemResponse(status, {
        examplePath: route.path,
        body: route.takesBody,
        replayable: post,
      });
    }
  }
  everyAuthenticatedRoute(responses, route);
}
