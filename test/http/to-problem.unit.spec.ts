import { toProblem } from '../../src/http/to-problem.js';
import { StoreUnavailableError } from '../../src/event-store/event-store.errors.js';
import { DomainRuleError } from '../../src/shared/domain-rule.error.js';

describe('A refusal by a domain rule as a problem', () => {
  it('answers an invalid field as a 400 listing it at its path, with the rule', () => {
    const { problem } = toProblem(
      new DomainRuleError(
        'invalid-city',
        'city "!!!" has no letter or digit',
        'invalid',
        'outcomes[0].missions[1].city',
      ),
    );
    expect(problem).toEqual({
      type: '/problems/validation-failed',
      title: 'Invalid request',
      status: 400,
      detail:
        'The request has invalid fields: outcomes[0].missions[1].city: city "!!!" has no letter or digit',
      errors: [
        {
          path: 'outcomes[0].missions[1].city',
          message: 'city "!!!" has no letter or digit',
          rule: 'invalid-city',
        },
      ],
      rule: 'invalid-city',
    });
  });

  it('keeps a 422 for dates out of order or in the future, and a 409 for the state', () => {
    const dated = toProblem(new DomainRuleError('date-in-the-future', 'x', 'unprocessable'));
    expect(dated.problem).toMatchObject({ status: 422, type: '/problems/date-in-the-future' });
    const closed = toProblem(new DomainRuleError('mission-closed', 'x'));
    expect(closed.problem).toMatchObject({ status: 409, type: '/problems/mission-closed' });
  });
});

describe('A store that could not write as a problem', () => {
  it('says nothing was changed when the store refused or could not be reached', () => {
    const { problem, headers } = toProblem(new StoreUnavailableError('KurrentDB unavailable'));
    expect(problem).toMatchObject({ status: 503, type: '/problems/store-unavailable' });
    expect(problem.detail).toContain('nothing was changed');
    expect(problem).not.toHaveProperty('outcomeUnknown');
    expect(headers).toEqual({ 'Retry-After': '5' });
  });

  it('does not say so when the store may have written without confirming it, and says how to find out', () => {
    const { problem } = toProblem(
      new StoreUnavailableError('KurrentDB did not confirm the append', { outcomeUnknown: true }),
    );
    expect(problem).toMatchObject({
      status: 503,
      type: '/problems/store-unavailable',
      outcomeUnknown: true,
    });
    expect(problem.detail).not.toContain('nothing was changed');
    expect(problem.detail).toContain('same Idempotency-Key');
  });
});
