import { ProblemException } from '../../src/http/problem.js';
import { TokenRateLimit } from '../../src/operations/token-rate-limit.js';

/** The status and the headers a request of `holder` is answered with. */
function answerTo(limit: TokenRateLimit, holder: string) {
  try {
    return { status: 200, headers: limit.take(holder) ?? {} };
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return { status: error.problem.status, headers: error.headers };
  }
}

describe('The per-token rate limit', () => {
  const now = () => 1_000_000;

  it('given allowance left, when a token asks, then its answer says what is left and when the window lets in one more', () => {
    const limit = new TokenRateLimit(2, 60, now);
    // The one request counted weighs until just past the window's end.
    expect(limit.take('clerk')).toEqual({
      'X-RateLimit-Limit': '2',
      'X-RateLimit-Remaining': '1',
      'X-RateLimit-Reset': '61',
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
        'X-RateLimit-Reset': '61',
        'Retry-After': '61',
      },
    });
  });

  describe('given a token asking once a second, across window boundaries', () => {
    it('when none remain, then Reset counts down, equal to Retry-After on each 429, to the request let in', () => {
      let clock = 52_500;
      const limit = new TokenRateLimit(3, 10, () => clock);
      const answers = Array.from({ length: 60 }, () => {
        const answer = answerTo(limit, 'clerk');
        clock += 1_000;
        return answer;
      });
      let countdowns = 0;
      answers.forEach((answer, at) => {
        if (answer.headers['X-RateLimit-Remaining'] !== '0' || answer.status !== 200) return;
        const reset = Number(answer.headers['X-RateLimit-Reset']);
        if (at + reset >= answers.length) return;
        countdowns += 1;
        const waited = answers.slice(at + 1, at + reset + 1).map(({ status, headers }) => ({
          status,
          reset: headers['X-RateLimit-Reset'],
          retryAfter: headers['Retry-After'],
        }));
        expect(waited).toEqual([
          ...Array.from({ length: reset - 1 }, (_, i) => ({
            status: 429,
            reset: String(reset - 1 - i),
            retryAfter: String(reset - 1 - i),
          })),
          expect.objectContaining({ status: 200 }),
        ]);
      });
      expect(countdowns).toBeGreaterThan(4);
    });
  });

  it('given the limit set to 0, when a token asks, then nothing is counted or said', () => {
    expect(new TokenRateLimit(0, 60, now).take('clerk')).toBeUndefined();
  });
});
