import type { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sendProblem } from '../http/problem-details.filter.js';
import { routeHandlersOf } from '../http/route-handlers.js';
import { rememberActor } from '../operations/request-actor.js';
import { TokenRateLimit } from '../operations/token-rate-limit.js';
import type { AuthenticatedRequest } from './auth.decorators.js';
import { authorize, type RouteRule, routeRuleOf } from './authorize.js';
import { TokenRegistry } from './token-registry.js';

/**
 * Checks the caller before Fastify reads a request's body: without a valid token, or with a
 * role the route does not allow, the answer is 401 or 403 whatever the body holds (even one
 * that is malformed or too large), and nothing of it is parsed. The guard trusts the
 * principal set here. A known caller's request is then counted against its token's rate
 * limit (429 once used up), before its body too: a body refused later counts as well.
 */
export function authorizeBeforeBody(app: NestFastifyApplication, logger: Logger): void {
  const tokens = app.get(TokenRegistry);
  const rateLimit = app.get(TokenRateLimit);
  let rules: Map<string, RouteRule> | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preParsing', (request, reply, payload, done) => {
      rules ??= routeRulesOf(app);
      const rule = rules.get(`${request.method} ${request.routeOptions.url}`);
      if (rule === undefined || rule.public) {
        done(null, payload);
        return;
      }
      try {
        const principal = authorize(rule, request.headers.authorization, tokens);
        (request as AuthenticatedRequest).principal = principal;
        rememberActor(request.raw, principal);
        const limits = rateLimit.take(principal.name);
        if (limits !== undefined) reply.headers(limits);
      } catch (refusal) {
        sendProblem(refusal, request, reply, logger);
        return;
      }
      done(null, payload);
    });
}

/**
 * Each route's rule by `METHOD path`; Fastify answers HEAD on every GET route, and that HEAD
 * takes the GET's rule (caller, role, rate limit).
 */
function routeRulesOf(app: NestFastifyApplication): Map<string, RouteRule> {
  const rules = new Map<string, RouteRule>();
  for (const { method, path, handler, controller } of routeHandlersOf(app)) {
    const rule = routeRuleOf(handler, controller);
    rules.set(`${method} ${path}`, rule);
    if (method === 'GET' && !rules.has(`HEAD ${path}`)) rules.set(`HEAD ${path}`, rule);
  }
  return rules;
}
