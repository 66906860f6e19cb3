import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import { problem, ProblemException } from '../http/problem.js';
import { rememberActor } from './request-actor.js';

/**
 * The per-token rate limit. It runs after the AuthGuard (registered after it), so it
 * counts by the token holder's name: one client cannot use up another's allowance, and
 * a request without a valid token was already answered 401. Public routes (health,
 * dashboard files) are not limited.
 */
@Injectable()
export class TokenThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.principal) return true;
    rememberActor(request.raw, request.principal);
    return false;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = (request as unknown as AuthenticatedRequest).principal;
    return `token:${principal?.name ?? 'anonymous'}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException(
      problem(
        'tooManyRequests',
        `This token made more than ${detail.limit} requests in ${Math.round(detail.ttl / 1000)} s; retry after ${retryAfter} s.`,
      ),
      { 'Retry-After': String(retryAfter) },
    );
  }
}
