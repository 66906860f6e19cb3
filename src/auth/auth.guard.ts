import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { problem, ProblemException } from '../http/problem.js';
import { ALLOWED_ROLES, type AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators.js';
import type { Role } from './role.js';
import { TokenRegistry } from './token-registry.js';

/**
 * Every route needs a bearer token unless marked @Public(); @Allow narrows the roles.
 * A missing or unknown token is 401, a known token with the wrong role is 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** What each route handler's decorators say, read once per handler. */
  private readonly rules = new WeakMap<object, RouteRule>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenRegistry) private readonly tokens: TokenRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.ruleOf(context);
    if (rule.public) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match =
      typeof header === 'string' ? /^Bearer ([\x21-\x7e]{1,512})$/i.exec(header.trim()) : null;
    const principal = match ? this.tokens.authenticate(match[1]) : undefined;
    if (!principal) {
      throw new ProblemException(
        problem('unauthenticated', 'Send a valid token as "Authorization: Bearer <token>".'),
        { 'WWW-Authenticate': 'Bearer realm="envoy-ledger"' },
      );
    }
    const allowed = rule.allowed;
    if (allowed && principal.role !== 'admin' && !allowed.includes(principal.role)) {
      throw new ProblemException(
        problem(
          'forbidden',
          `The ${principal.role} role may not do this; it needs ${allowed.join(' or ')}.`,
        ),
      );
    }
    request.principal = principal;
    return true;
  }

  private ruleOf(context: ExecutionContext): RouteRule {
    const handler = context.getHandler();
    const controller = context.getClass();
    let rule = this.rules.get(handler);
    if (rule === undefined || rule.controller !== controller) {
      const targets = [handler, controller];
      rule = {
        controller,
        public: this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true,
        allowed: this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets),
      };
      this.rules.set(handler, rule);
    }
    return rule;
  }
}

interface RouteRule {
  readonly controller: object;
  readonly public: boolean;
  readonly allowed: readonly Role[] | undefined;
}
