import type { Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import type { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';

/** One argument a route handler reads: its RouteParamtypes, its position, what it names. */
export interface RouteArgument {
  readonly type: number;
  readonly index: number;
  readonly data: unknown;
}

/** The route arguments (@Body, @Query, @Param ...) a handler reads, from Nest's metadata. */
export function routeArgumentsOf(controller: Type<unknown>, handlerName: string): RouteArgument[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as Record<
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

/**
 * The class a route handler's `@Body()` or `@Query()` parameter is declared as (its DTO), or
 * undefined when the handler takes no such parameter or declares it untyped.
 */
export function argumentTypeOf(
  controller: Type<unknown>,
  handlerName: string,
  type: RouteParamtypes,
): Type | undefined {
  const found = routeArgumentsOf(controller, handlerName).find((arg) => arg.type === type);
  if (found === undefined) return undefined;
  const types = Reflect.getMetadata('design:paramtypes', controller.prototype, handlerName) as
    Type[] | undefined;
  return types?.[found.index];
}
