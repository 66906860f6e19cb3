import { toProblem } from '../../src/http/to-problem.js';
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
