import type { Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import type { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';

/**
 * The class a route handler's `@Body()` or `@Query()` parameter is declared as (its DTO), or
 * undefined when the handler takes no such parameter or declares it untyped.
 */
export function argumentTypeOf(
  controller: Type<unknown>,
  handlerName: string,
  type: RouteParamtypes,
): Type | undefined {
  const parameters = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ??
    {}) as Record<string, { index: number }>;
  const found = Object.entries(parameters).find(([key]) => key.split(':')[0] === String(type));
  if (found === undefined) return undefined;
  const types = Reflect.getMetadata('design:paramtypes', controller.prototype, handlerName) as
    Type[] | undefined;
  return types?.[found[1].index];
}
