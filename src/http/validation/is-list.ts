import { registerDecorator, type ValidationError } from 'class-validator';
import type { FieldError } from '../problem.js';
import type { ValueCheck } from './value-check.js';

export interface ListRule {
  readonly min: number;
  readonly max: number;
  /** What each item must be; a failing item is named by its index (`parties[1]`). */
  readonly items: ValueCheck;
}

const IS_LIST = 'isList';

/** An item of a list of nested objects: an object, not null, text or another list. */
export const objectItem: ValueCheck = (value) =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? undefined
    : 'must be an object';

/**
 * An array of `min` to `max` items, each passing `items`. One rule, so a wrong type reads
 * "must be an array" (not "must contain no more than 50 elements"), and every bad item is
 * reported at its own path; objects in the list are then validated as nested objects.
 */
export function IsList(rule: ListRule): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: IS_LIST,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { context: { rule } },
      validator: {
        validate: (value: unknown) => listErrors(value, '', '', rule).length === 0,
        defaultMessage: (args) =>
          listErrors(args?.value, '', args?.property ?? '', rule)[0]?.message ?? '',
      },
    });
}

/** The field errors an IsList rule found on `error`, at their own paths; undefined if it found none. */
export function listErrorsOf(error: ValidationError, path: string): FieldError[] | undefined {
  if (error.constraints?.[IS_LIST] === undefined) return undefined;
  const { rule } = error.contexts?.[IS_LIST] as { rule: ListRule };
  return listErrors(error.value, path, error.property, rule);
}

function listErrors(value: unknown, path: string, name: string, rule: ListRule): FieldError[] {
  const whole = (message: string) => [{ path, message: `${name} ${message}` }];
  if (!Array.isArray(value)) return whole('must be an array');
  if (rule.min === rule.max && value.length !== rule.min) {
    return whole(`must have exactly ${rule.min} ${items(rule.min)}`);
  }
  if (value.length < rule.min) return whole(`must have at least ${rule.min} ${items(rule.min)}`);
  if (value.length > rule.max) return whole(`must have at most ${rule.max} ${items(rule.max)}`);
  return value.flatMap((item: unknown, index) => {
    const problem = rule.items(item);
    return problem === undefined
      ? []
      : [{ path: `${path}[${index}]`, message: `${name}[${index}] ${problem}` }];
  });
}

function items(count: number): string {
  return count === 1 ? 'item' : 'items';
}
