import { ValidationPipe } from '@nestjs/common';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { invalidFields, type FieldError } from './problem.js';
import { listErrorsOf } from './validation/is-list.js';

/**
 * Unknown fields are refused, and each field reports the first rule it breaks (a number where
 * text belongs is "must be a string", not also too short and not plain text).
 */
const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  // The value tells a missing field from a wrong one; it is never echoed back.
  validationError: { target: false, value: true },
  stopAtFirstError: true,
};

/**
 * class-validator on every body and query: the 400 lists every invalid field with its path
 * (`outcomes[0].missions[1].city`), once.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => invalidFields(flatten(errors)),
  });
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = joinPath(parent, error.property);
    const own = ownErrors(error, path || '(body)');
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

function ownErrors(error: ValidationError, path: string): FieldError[] {
  const messages = Object.values(error.constraints ?? {});
  if (messages.length === 0) return [];
  // A field left out breaks its first rule, which may be any ("must be a string"): say
  // what is wrong instead.
  if (error.value === undefined) return [{ path, message: `${error.property} is required` }];
  return listErrorsOf(error, path, itemErrors) ?? messages.map((message) => ({ path, message }));
}

/**
 * The invalid fields of an object in a list that also holds a bad item: class-validator left
 * it unvalidated (the list had already broken a rule), so it is validated here, as it would
 * have been in the list.
 */
function itemErrors(item: object, path: string): FieldError[] {
  return flatten(validateSync(item, VALIDATOR_OPTIONS), path);
}

function joinPath(parent: string, property: string): string {
  if (property === undefined || property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
