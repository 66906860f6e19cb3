import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { registerDecorator, ValidateNested, type ValidationError } from 'class-validator';
import type { FieldError } from '../problem.js';
import type { ValueCheck } from './value-check.js';
import { isJsonObject } from '../../shared/json.js';

export interface ListRule {
  readonly min: number;
  readonly max: number;
  /** What each item must be; a failing item is named by its index (`parties[1]`). */
  readonly items: ValueCheck;
}

const IS_LIST = 'isList';

/** An item of a list of nested objects: an object, not null, text or another list. */
const objectItem: ValueCheck = (value) => (isJsonObject(value) ? undefined : 'must be an object');

/**
 * An array of `min` to `max` items, each passing `items`. One rule, so a wrong type reads
 * "must be an array" (not "must contain no more than 50 elements"), and every bad item is
 * reported at its own path.
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

/**
 * An array of `min` to `max` objects, each validated as an `itemType` (its fields reported
 * at their paths, `outcomes[0].missions[1].city`). An item that is not an object is named by
 * its index, in the same 400 as the invalid fields of the list's other items (see listErrorsOf).
 */
export function IsListOf(
  itemType: () => new () => object,
  rule: Omit<ListRule, 'items'>,
): PropertyDecorator {
  return applyDecorators(
    IsList({ ...rule, items: objectItem }),
    ValidateNested({ each: true }),
    Type(itemType),
  );
}

/** The invalid fields of an object in a list, found at `path` (`outcomes[1]`). */
export type ItemErrors = (item: object, path: string) => FieldError[];

/**
 * The field errors an IsList rule found on `error`, at their own paths, in the order of the
 * items; undefined if it found none. Once an item fails, class-validator validates none of the
 * list's items as nested objects, so `itemErrors` gives those of each object that passed.
 */
export function listErrorsOf(
  error: ValidationError,
  path: string,
  itemErrors: ItemErrors,
): FieldError[] | undefined {
  if (error.constraints?.[IS_LIST] === undefined) return undefined;
  const { rule } = error.contexts?.[IS_LIST] as { rule: ListRule };
  return listErrors(error.value, path, error.property, rule, itemErrors);
}

function listErrors(
  value: unknown,
  path: string,
  name: string,
  rule: ListRule,
  itemErrors?: ItemErrors,
): FieldError[] {
  const whole = (message: string) => [{ path, message: `${name} ${message}` }];
  if (!Array.isArray(value)) return whole('must be an array');
  if (rule.min === rule.max && value.length !== rule.min) {
    return whole(`must have exactly ${rule.min} ${items(rule.min)}`);
  }
  if (value.length < rule.min) return whole(`must have at least ${rule.min} ${items(rule.min)}`);
  if (value.length > rule.max) return whole(`must have at most ${rule.max} ${items(rule.max)}`);
  return value.flatMap((item: unknown, index): FieldError[] => {
    const at = `${path}[${index}]`;
    const problem = rule.items(item);
    if (problem !== undefined) return [{ path: at, message: `${name}[${index}] ${problem}` }];
    return typeof item === 'object' && item !== null && itemErrors ? itemErrors(item, at) : [];
  });
}

function items(count: number): string {
  return count === 1 ? 'item' : 'items';
}
