import { type INestApplication, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from '../../auth/auth.decorators.js';
import type { Role } from '../../auth/role.js';

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
}

/** Every controller route of the application with its access rules (no global prefix is used). */
export function routeAccessOf(app: INestApplication): RouteAccess[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: RouteAccess[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      const bases = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const own = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (own === undefined || method === undefined) continue;
        const targets = [handler, controller];
        const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true;
        const roles = reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
        const args = routeArgumentsOf(controller, name);
        const types = args.map((arg) => arg.type);
        const queries = args.filter((arg) => arg.type === RouteParamtypes.QUERY);
        const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ??
          []) as unknown[];
        for (const base of bases) {
          for (const path of pathsOf(own)) {
            routes.push({
              method: RequestMethod[method].toLowerCase(),
              path: openApiPathOf(base, path),
              isPublic,
              roles,
              takesBody: types.includes(RouteParamtypes.BODY),
              takesQuery: queries.length > 0,
              queryDtos: queries.flatMap((arg) => {
                const type = paramTypes[arg.index];
                return arg.data === undefined && typeof type === 'function' && type !== Object
                  ? [type as Type<unknown>]
                  : [];
              }),
              queryNames: queries.flatMap((arg) =>
                typeof arg.data === 'string' ? [arg.data] : [],
              ),
            });
          }
        }
      }
    }
  }
  return routes;
}

interface RouteArgument {
  readonly type: number;
  readonly index: number;
  readonly data: unknown;
}

/** The route arguments (@Body, @Query, @Param ...) a handler reads. */
function routeArgumentsOf(controller: Type<unknown>, method: string): RouteArgument[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { index: number; data?: unknown }
  >;
  // Keys are `<paramtype>:<index>`; custom decorators' keys carry a prefix and name no paramtype.
  return Object.entries(args).map(([key, arg]) => ({
    type: Number(key.split(':')[0]),
    index: arg.index,
    data: arg.data,
  }));
}

function pathsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [typeof metadata === 'string' ? metadata : ''];
}

/** `api/missions` + `:missionId/closure` → `/api/missions/{missionId}/closure`. */
export function openApiPathOf(...parts: string[]): string {
  const segments = parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .map((segment) => segment.replace(/^:([A-Za-z0-9_]+)$/, '{$1}'));
  return `/${segments.join('/')}`;
}
