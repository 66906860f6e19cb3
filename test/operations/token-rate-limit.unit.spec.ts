import { ProblemException } from '../../src/http/problem.js';
import { TokenRateLimit } from '../../src/operations/token-rate-limit.js';

describe('The per-token rate limit', () => {
  const now = () => 1_000_000;

  it('given allowance left, when a token asks, then its answer says what is left', () => {
    const limit = new TokenRateLimit(2, 60, now);
    expect(limit.take('clerk')).toEqual({
      'X-RateLimit-Limit': '2',
      'X-RateLimit-Remaining': '1',
      'X-RateLimit-Reset': '60',
    });
  });

  it('given the allowance used up, when the token asks again, then its 429 says none is left and when to retry', () => {
    const limit = new TokenRateLimit(2, 60, now);
    limit.take('clerk');
    limit.take('clerk');
    let refusal: unknown;
    try {
      limit.take('clerk');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ProblemException);
    expect(refusal).toMatchObject({
      problem: { status: 429 },
      headers: {
        'X-RateLimit-Limit': '2',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '60',
        'Retry-After': '61',
      },
    });
  });

  it('given the limit set to 0, when a token asks, then nothing is counted or said', () => {
    expect(new TokenRateLimit(0, 60, now).take('clerk')).toBeUndefined();
  });
});
