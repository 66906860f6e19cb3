import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import type { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { invalidFields } from './problem.js';
import { sendProblem } from './problem-details.filter.js';
import { routeHandlersOf, type RouteHandler } from './route-handlers.js';

/**
 * An API route that reads no query string refuses one, as routes with a query DTO refuse a
 * field they do not know: `?limit=abc` on a route without paging is a 400 naming `limit`,
 * not silently ignored. A parameter named after a property every object has (`__proto__`,
 * `constructor`, `toString`, …) is refused on every route: class-transformer drops those
 * names before the query DTO's whitelist could see them. Checked after the caller (401/403
 * first).
 */
export function refuseUnreadQueryParameters(app: NestFastifyApplication, logger: Logger): void {
  let withoutQuery: Set<string> | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request, reply, done) => {
      withoutQuery ??= routesWithoutQuery(routeHandlersOf(app));
      const names = Object.keys((request.query ?? {}) as object);
      const refused = withoutQuery.has(`${request.method} ${request.routeOptions.url}`)
        ? names
        : names.filter(isObjectPropertyName);
      if (refused.length === 0) {
        done();
        return;
      }
      sendProblem(
        invalidFields(
          refused.map((name) => ({ path: name, message: `property ${name} should not exist` })),
        ),
        request,
        reply,
        logger,
      );
    });
}

/** A name every plain object answers to (`Object.prototype`'s, and `__proto__`). */
function isObjectPropertyName(name: string): boolean {
  return name in Object.prototype;
}

function routesWithoutQuery(routes: readonly RouteHandler[]): Set<string> {
  return new Set(
    routes
      .filter(({ path }) => path.startsWith('/api/'))
      .filter(({ controller, handlerName }) => !readsQuery(controller, handlerName))
      .map(({ method, path }) => `${method} ${path}`),
  );
}

function readsQuery(controller: object, handlerName: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as object;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
}
