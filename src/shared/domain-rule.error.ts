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
    /**
     * 'conflict' (409): the state forbids it; 'unprocessable' (422): dates out of order or in
     * the future; 'invalid' (400): a field the command states is invalid whatever the state
     * (a city with nothing to name it by), named by `path`; 'not-found' (404).
     */
    readonly kind: 'conflict' | 'unprocessable' | 'invalid' | 'not-found' = 'conflict',
    /**
     * The field refused: for kind 'invalid', the invalid field (`outcomes[0].missions[1].city`);
     * for another kind, the one field the rule refused, where a command has many alike.
     */
    readonly path?: string,
  ) {
    super(detail);
  }
}

/** A field a command states that a domain rule finds invalid, whatever the state. */
export interface FieldRefusal {
  /** Where the field is in the command's data, as the request names it: `parties`, `outcomes[1].areas`. */
  readonly path: string;
  readonly rule: string;
  readonly detail: string;
}

/** The refusal of a command by its first invalid field (kind 'invalid'). */
export function invalidField(refusal: FieldRefusal): DomainRuleError {
  return new DomainRuleError(refusal.rule, refusal.detail, 'invalid', refusal.path);
}
