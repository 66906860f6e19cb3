import { problem, ProblemException } from '../http/problem.js';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators.js';
import type { Principal, Role } from './role.js';
import { MAX_TOKEN_LENGTH, TOKEN_CHARACTERS } from './token-entry.js';
import type { TokenRegistry } from './token-registry.js';

/** What a route's decorators say about who may call it. */
export interface RouteRule {
  readonly public: boolean;
  /** Only these roles (and admin); undefined: any authenticated role. */
  readonly allowed: readonly Role[] | undefined;
}

/** A route's rule: @Public() and @Allow() on the handler, else on its controller. */
export function routeRuleOf(handler: object, controller: object): RouteRule {
  const metadata = (key: string): unknown =>
    Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
  return {
    public: metadata(PUBLIC_ROUTE) === true,
    allowed: metadata(ALLOWED_ROLES) as Role[] | undefined,
  };
}

/** `Bearer`, one or more spaces, and a token as configuration accepts them (any length up to the maximum). */
const BEARER = new RegExp(`^Bearer +([${TOKEN_CHARACTERS}]{1,${MAX_TOKEN_LENGTH}})$`, 'i');

/** `Bearer` and something after it: a bearer token presented, known, well-formed or not. */
const BEARER_PRESENTED = /^Bearer\s+\S/i;

/** The challenge of a 401 (RFC 6750 §3). */
const CHALLENGE = 'Bearer realm="envoy-ledger"';

/**
 * The caller of a non-public route, from its `Authorization` header: a missing or unknown
 * token is 401, a known token whose role the route does not allow is 403. The scheme is
 * `Bearer` in any case, followed by one or more spaces (RFC 9110 §11.4: 1*SP), then the token.
 * The 401's challenge says `error="invalid_token"` when a bearer token was presented and is not
 * one (unknown or malformed), and nothing more when none was: no header, another scheme, a bare
 * `Bearer` (RFC 6750 §3.1).
 */
export function authorize(
  rule: RouteRule,
  authorization: string | string[] | undefined,
  tokens: TokenRegistry,
): Principal {
  const match = typeof authorization === 'string' ? BEARER.exec(authorization.trim()) : null;
  const principal = match ? tokens.authenticate(match[1]) : undefined;
  if (!principal) {
    throw new ProblemException(
      problem('unauthenticated', 'Send a valid token as "Authorization: Bearer <token>".'),
      { 'WWW-Authenticate': challengeTo(authorization) },
    );
  }
  const allowed = rule.allowed;
  if (allowed && principal.role !== 'admin' && !allowed.includes(principal.role)) {
    throw new ProblemException(
      problem(
        'forbidden',
        `The ${principal.role} role may not do this; it needs ${rolesText([...allowed.filter((role) => role !== 'admin'), 'admin'])}.`,
      ),
    );
  }
  return principal;
}

function challengeTo(authorization: string | string[] | undefined): string {
  return typeof authorization === 'string' && BEARER_PRESENTED.test(authorization.trim())
    ? `${CHALLENGE}, error="invalid_token"`
    : CHALLENGE;
}

/** "staff or admin", "staff, viewer or admin". */
function rolesText(roles: readonly string[]): string {
  return roles.length === 1
    ? roles[0]
    : `${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]}`;
}
