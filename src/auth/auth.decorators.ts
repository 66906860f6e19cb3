import { SetMetadata } from '@nestjs/common';
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
