import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { invalidFields, type FieldError } from './problem.js';
import { listErrorsOf } from './validation/is-list.js';

/**
 * class-validator on every body and query: unknown fields are refused, and the 400
 * lists every invalid field with its path (`outcomes[0].missions[1].city`), once: the
 * first rule a field breaks (a number where text belongs is "must be a string", not also
 * too short and not plain text).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value tells a missing field from a wrong one; it is never echoed back.
    validationError: { target: false, value: true },
    stopAtFirstError: true,
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
  return listErrorsOf(error, path) ?? messages.map((message) => ({ path, message }));
}

function joinPath(parent: string, property: string): string {
  if (property === undefined || property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
