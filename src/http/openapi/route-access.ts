import type { INestApplication, Type } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { routeRuleOf } from '../../auth/authorize.js';
import type { Role } from '../../auth/role.js';
import { routeArgumentsOf } from '../route-arguments.js';
import { routeHandlersOf } from '../route-handlers.js';

/** Who may call one route of a controller, as its @Public() / @Allow(...) metadata says. */
export interface RouteAccess {
  /** Lower case, as OpenAPI path items name operations: `get`, `post`. */
  readonly method: string;
  /** In OpenAPI form: `/api/missions/{missionId}`. */
  readonly path: string;
  readonly isPublic: boolean;
  /** The roles @Allow names; undefined when any authenticated caller may call it. */
  readonly roles: readonly Role[] | undefined;
  /** The handler reads @Body() / @Query(). */
  readonly takesBody: boolean;
  readonly takesQuery: boolean;
  /** The classes of whole-query @Query() DTOs, and the names of single @Query('name') ones. */
  readonly queryDtos: readonly Type<unknown>[];
  readonly queryNames: readonly string[];
  /** The class of the @Body() DTO, if the route reads one. */
  readonly bodyDto: Type<unknown> | undefined;
}

/** Every controller route of the application with its access rules (no global prefix is used). */
export function routeAccessOf(app: INestApplication): RouteAccess[] {
  return routeHandlersOf(app).map(({ method, path, controller, handler, handlerName }) => {
    const rule = routeRuleOf(handler, controller);
    const args = routeArgumentsOf(controller, handlerName);
    const types = args.map((arg) => arg.type);
    const queries = args.filter((arg) => arg.type === RouteParamtypes.QUERY);
    const paramTypes = (Reflect.getMetadata(
      'design:paramtypes',
      controller.prototype,
      handlerName,
    ) ?? []) as unknown[];
    return {
      method: method.toLowerCase(),
      path: openApiPathOf(path),
      isPublic: rule.public,
      roles: rule.allowed,
      takesBody: types.includes(RouteParamtypes.BODY),
      takesQuery: queries.length > 0,
      queryDtos: queries.flatMap((arg) => {
        const type = paramTypes[arg.index];
        return arg.data === undefined && typeof type === 'function' && type !== Object
          ? [type as Type<unknown>]
          : [];
      }),
      queryNames: queries.flatMap((arg) => (typeof arg.data === 'string' ? [arg.data] : [])),
      bodyDto: args.flatMap((arg) => {
        const type = paramTypes[arg.index];
        return arg.type === RouteParamtypes.BODY && typeof type === 'function' && type !== Object
          ? [type as Type<unknown>]
          : [];
      })[0],
    };
  });
}

/** `/api/missions/:missionId/closure` → `/api/missions/{missionId}/closure`. */
function openApiPathOf(path: string): string {
  return path.replace(/\/:([A-Za-z0-9_]+)(?=\/|$)/g, '/{$1}');
}
