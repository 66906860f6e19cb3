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
 * not silently ignored. Checked after the caller (401/403 first).
 */
export function refuseUnreadQueryParameters(app: NestFastifyApplication, logger: Logger): void {
  let withoutQuery: Set<string> | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request, reply, done) => {
      withoutQuery ??= routesWithoutQuery(routeHandlersOf(app));
      const names = Object.keys((request.query ?? {}) as object);
      if (
        names.length === 0 ||
        !withoutQuery.has(`${request.method} ${request.routeOptions.url}`)
      ) {
        done();
        return;
      }
      sendProblem(
        invalidFields(
          names.map((name) => ({ path: name, message: `property ${name} should not exist` })),
        ),
        request,
        reply,
        logger,
      );
    });
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
