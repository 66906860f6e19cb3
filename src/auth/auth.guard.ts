import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from './auth.decorators.js';
import { authorize, type RouteRule, routeRuleOf } from './authorize.js';
import { TokenRegistry } from './token-registry.js';

/**
 * Every route needs a bearer token unless marked @Public(); @Allow narrows the roles.
 * A missing or unknown token is 401, a known token with the wrong role is 403. The
 * pre-parsing hook (authorize-before-body) has usually checked already, before the body
 * was read; the guard then finds the principal it set.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** What each route handler's decorators say, read once per handler. */
  private readonly rules = new WeakMap<object, RouteRule & { readonly controller: object }>();

  constructor(@Inject(TokenRegistry) private readonly tokens: TokenRegistry) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.ruleOf(context);
    if (rule.public) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal ??= authorize(rule, request.headers.authorization, this.tokens);
    return true;
  }

  private ruleOf(context: ExecutionContext): RouteRule {
    const handler = context.getHandler();
    const controller = context.getClass();
    let rule = this.rules.get(handler);
    if (rule === undefined || rule.controller !== controller) {
      rule = { controller, ...routeRuleOf(handler, controller) };
      this.rules.set(handler, rule);
    }
    return rule;
  }
}
