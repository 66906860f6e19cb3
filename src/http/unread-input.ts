import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Logger, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { echoedName } from './echoed-name.js';
import { isJsonMediaType } from './json-body.guard.js';
import { isObjectPropertyName } from './object-property-names.js';
import { bodyTooLarge, invalidFields, ProblemException, type FieldError } from './problem.js';
import { badlyEncodedParameters } from './query-encoding.js';
import { declaresBody, declaresTooLargeBody } from './request-body.js';
import { sendProblem } from './problem-details.filter.js';
import { argumentTypeOf, routeArgumentsOf } from './route-arguments.js';
import { routeHandlersOf, type RouteHandler } from './route-handlers.js';
import { besideOtherFields } from './validation/beside-other-fields.js';

/**
 * An API route (and /health, /metrics) refuses input it does not read, as routes with a DTO refuse a field they do
 * not know: a query string on a route that reads none (`?limit=abc` on a route without
 * paging is a 400 naming `limit`, not silently ignored), and a body on a route that takes
 * none (`{"force":true}` on a rebuild; an empty `{}` is no input). A request of any other
 * method than POST, PUT or PATCH (GET, HEAD, OPTIONS, …) carrying a body at all, on a route
 * that reads none, is refused before the body is read: a 400, or a 413 when its
 * Content-Length is over the limit, as a command's would be (the hook's fast path is a request
 * without Content-Length or Transfer-Encoding). A query parameter named after a property every
 * object has (`__proto__`, `constructor`, `toString`, …) or
 * `prototype` is refused on every route (see isObjectPropertyName), as are a parameter with
 * an empty name (`?=x`) and one not percent-encoded in UTF-8 (see badlyEncodedParameters), and
 * a parameter a route reads sent more than once (`limit=1&limit=2`). Checked after the caller
 * (401/403 first).
 */
export function refuseUnreadInput(app: NestFastifyApplication, logger: Logger): void {
  let unread: UnreadInput | undefined;
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preParsing', (request, reply, payload, done) => {
    // A command's body is read, then checked below; other requests seldom carry one.
    if (BODY_METHODS.has(request.method) || !declaresBody(request.headers)) {
      done(null, payload);
      return;
    }
    unread ??= unreadInputOf(routeHandlersOf(app));
    // A request no route takes was answered before this (answerUnroutedBeforeBody).
    if (unread.readsBody.has(`${request.method} ${request.routeOptions.url}`)) {
      done(null, payload);
      return;
    }
    const refusal = declaresTooLargeBody(request)
      ? new ProblemException(bodyTooLarge())
      : invalidFields([{ path: '(body)', message: 'this route takes no body' }]);
    sendProblem(refusal, request, reply, logger);
  });
  fastify.addHook('preValidation', (request, reply, done) => {
    unread ??= unreadInputOf(routeHandlersOf(app));
    const route = `${request.method} ${request.routeOptions.url}`;
    const names = Object.keys((request.query ?? {}) as object);
    // A body that is not JSON is a 415 (JsonBodyGuard), whatever the route.
    const unreadBody = unread.body.has(route) && isJsonMediaType(request.headers['content-type']);
    if (names.length === 0 && !unreadBody) {
      // Every command, on its hot path, ends here.
      done();
      return;
    }
    // A parameter not percent-encoded in UTF-8 is named for that alone.
    const encoding = badlyEncodedParameters(request.url);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const readsNoQuery = unread.query.has(route);
    const named = (error: FieldError) => !encoding.some(({ path }) => path === error.path);
    const unexpected = (readsNoQuery ? names : names.filter(isNeverAParameter))
      .map(unexpectedParameter)
      .filter(named);
    // Each parameter a route reads is one value: sent twice, it is named for that.
    const repeated = readsNoQuery
      ? []
      : names
          .filter((name) => !isNeverAParameter(name) && Array.isArray(query[name]))
          .map(repeatedParameter)
          .filter(named);
    const errors = [
      ...unexpected,
      ...repeated,
      ...encoding,
      ...(unreadBody ? bodyErrors(request.body) : []),
    ];
    if (errors.length === 0) {
      done();
      return;
    }
    const queryType = unread.queryTypes.get(route);
    if (queryType === undefined) {
      sendProblem(invalidFields(errors), request, reply, logger);
      return;
    }
    // A route that reads a query: its other parameters are checked too, and listed beside.
    const refused = new Set(errors.map(({ path }) => path));
    const rest = Object.fromEntries(
      Object.entries(query).filter(
        ([name]) => !refused.has(echoedName(name)) && !isNeverAParameter(name),
      ),
    );
    besideOtherFields(errors, rest, 'query', queryType).then(
      (problem) => sendProblem(problem, request, reply, logger),
      (error: unknown) => sendProblem(error, request, reply, logger),
    );
  });
}

function bodyErrors(body: unknown): FieldError[] {
  if (body === undefined || body === null) return [];
  if (typeof body !== 'object' || Array.isArray(body)) {
    return [{ path: '(body)', message: 'this route takes no body' }];
  }
  return Object.keys(body).map(notExpected);
}

/** A name no query DTO could read: empty (`?=x`), or one every object has. */
function isNeverAParameter(name: string): boolean {
  return name === '' || isObjectPropertyName(name);
}

function unexpectedParameter(name: string): FieldError {
  if (name === '') {
    return { path: '(query)', message: 'a query parameter with an empty name should not exist' };
  }
  return notExpected(name);
}

function repeatedParameter(sent: string): FieldError {
  const name = echoedName(sent);
  return { path: name, message: `${name} was sent more than once; send it once` };
}

function notExpected(sent: string): FieldError {
  const name = echoedName(sent);
  return { path: name, message: `property ${name} should not exist` };
}

/** Methods whose requests carry a body on the routes that take one (a command's). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The routes whose unread input is refused: the API's, and the operations routes beside it
 * (`/health`, `/health/live`, `/health/ready`, `/metrics`: a probe or a scraper sends no query).
 * The dashboard's page and files are left alone (a browser may add a cache-busting query).
 */
const CHECKED_ROUTES = /^\/(?:api\/|health(?:\/|$)|metrics$)/;

/** Routes as `METHOD /path`. */
interface UnreadInput {
  /** The checked routes that read no query string. */
  readonly query: Set<string>;
  /** The checked routes of BODY_METHODS that read no body. */
  readonly body: Set<string>;
  /** Every route that reads a body. */
  readonly readsBody: Set<string>;
  /** The query DTO of each checked route that reads a query string. */
  readonly queryTypes: Map<string, Type>;
}

function unreadInputOf(routes: readonly RouteHandler[]): UnreadInput {
  const api = routes.filter(({ path }) => CHECKED_ROUTES.test(path));
  const without = (type: RouteParamtypes, methods?: readonly string[]) =>
    new Set(
      api
        .filter(({ method }) => methods === undefined || methods.includes(method))
        .filter(({ controller, handlerName }) => !reads(controller, handlerName, type))
        .map(({ method, path }) => `${method} ${path}`),
    );
  return {
    query: without(RouteParamtypes.QUERY),
    body: without(RouteParamtypes.BODY, [...BODY_METHODS]),
    readsBody: new Set(
      routes
        .filter(({ controller, handlerName }) =>
          reads(controller, handlerName, RouteParamtypes.BODY),
        )
        .map(({ method, path }) => `${method} ${path}`),
    ),
    queryTypes: new Map(
      api.flatMap(({ method, path, controller, handlerName }) => {
        const type = argumentTypeOf(controller, handlerName, RouteParamtypes.QUERY);
        return type === undefined ? [] : [[`${method} ${path}`, type] as const];
      }),
    ),
  };
}

function reads(controller: Type<unknown>, handlerName: string, type: RouteParamtypes): boolean {
  return routeArgumentsOf(controller, handlerName).some((arg) => arg.type === type);
}
