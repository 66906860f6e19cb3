import { registerDecorator } from 'class-validator';
import type { FieldRefusal } from '../../shared/domain-rule.error.js';
import type { FieldError } from '../problem.js';

/** The context key under which a field's constraint names the domain rule it checks. */
export const FIELD_RULE_CONTEXT = 'fieldRule';

/**
 * A domain rule on one field, checked with the field's own rules: `refusal` says why the
 * value (read with the object that holds it) is refused, or undefined when it is not. The
 * field's error names the rule beside its path and message (`rule: 'invalid-city'`).
 * Decorators apply bottom-up, and a field reports the first rule it breaks: put this one
 * above the field's own rules, so it reads only a value they passed.
 */
export function RefusedByRule<Value, Holder extends object>(
  rule: string,
  refusal: (value: Value, holder: Holder) => string | undefined,
): PropertyDecorator {
  const check = (value: unknown, holder: object | undefined): string | undefined =>
    holder === undefined ? undefined : refusal(value as Value, holder as Holder);
  return (target, propertyName) =>
    registerDecorator({
      name: rule,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { context: { [FIELD_RULE_CONTEXT]: rule } },
      validator: {
        validate: (value: unknown, args) => check(value, args?.object) === undefined,
        defaultMessage: (args) => check(args?.value, args?.object) ?? '',
      },
    });
}

/** The domain rule a field's failed constraint checks, if it checks one (see RefusedByRule). */
export function fieldRuleOf(context: unknown): string | undefined {
  const rule = (context as Record<string, unknown> | undefined)?.[FIELD_RULE_CONTEXT];
  return typeof rule === 'string' ? rule : undefined;
}

type AcrossFields = (request: object) => readonly FieldRefusal[];

const ACROSS_FIELDS = new WeakMap<object, AcrossFields>();

/**
 * Domain rules that compare fields in different parts of a request (a mission's states with
 * the meeting's parties, a mission with those of the other outcomes), which no constraint of
 * one nested object can see. `refusals` reads the whole request after class-validator, whatever
 * its other fields hold, and names each field it refuses by its path; those join the other
 * invalid fields in the same 400 (see createValidationPipe).
 */
export function CheckedAcrossFields<Request extends object>(
  refusals: (request: Request) => readonly FieldRefusal[],
): ClassDecorator {
  return (target) => {
    ACROSS_FIELDS.set(target.prototype as object, refusals as AcrossFields);
  };
}

/** Whether the request's class has rules across fields (CheckedAcrossFields). */
export function checkedAcrossFields(request: object): boolean {
  return ACROSS_FIELDS.has(Object.getPrototypeOf(request) as object);
}

/** The fields of a request (an instance of its class) its rules across fields refuse. */
export function acrossFieldErrors(request: object): FieldError[] {
  const refusals = ACROSS_FIELDS.get(Object.getPrototypeOf(request) as object);
  if (refusals === undefined) return [];
  return refusals(request).map(({ path, detail, rule }) => ({ path, message: detail, rule }));
}
