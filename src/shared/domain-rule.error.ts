/**
 * A command refused by a domain rule. `rule` is a stable identifier from the
 * aggregate's rule map (it becomes the problem type at the HTTP edge); `detail`
 * says in plain words what was refused and why.
 */
export class DomainRuleError extends Error {
  override readonly name = 'DomainRuleError';
  constructor(
    readonly rule: string,
    readonly detail: string,
    /** 'conflict' (409): the state forbids it; 'unprocessable' (422): dates out of order or in the future. */
    readonly kind: 'conflict' | 'unprocessable' | 'not-found' = 'conflict',
  ) {
    super(detail);
  }
}
