import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal, Role } from './role.js';

export const ALLOWED_ROLES = 'envoy:allowed-roles';
export const PUBLIC_ROUTE = 'envoy:public';

/** Only these roles (and admin, who may do everything) reach the route. */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** No token needed (health, the dashboard page, the API description). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
}

/** The authenticated caller; routes behind the guard always have one. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a public route');
    return principal;
  },
);
