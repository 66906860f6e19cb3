import { ValidationPipe } from '@nestjs/common';
import { validateSync, ValidationError, type ValidatorOptions } from 'class-validator';
import { echoedName } from './echoed-name.js';
import { invalidFields, type FieldError } from './problem.js';
import {
  acrossFieldErrors,
  checkedAcrossFields,
  FIELD_RULE_CONTEXT,
  fieldRuleOf,
} from './validation/field-rules.js';
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
 * class-validator, and then the request's rules across fields (CheckedAcrossFields), so the
 * fields those refuse are listed in the same 400 as every other invalid field.
 */
class RequestValidationPipe extends ValidationPipe {
  protected override validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    const errors = super.validate(object, validatorOptions);
    // Most requests (every milestone command) have no such rules: nothing more per request.
    if (!checkedAcrossFields(object)) return errors;
    return Promise.resolve(errors).then((own) => [
      ...own,
      ...acrossFieldErrors(object).map(asValidationError),
    ]);
  }
}

/**
 * A field a rule across fields refuses, as the error class-validator would give at its path:
 * the path is the property of a top-level error, which flatten keeps as it is.
 */
function asValidationError({ path, message, rule }: FieldError): ValidationError {
  return Object.assign(new ValidationError(), {
    property: path,
    // Not undefined: the field is there, and wrong (its value is never echoed back).
    value: null,
    constraints: { [rule ?? 'acrossFields']: message },
    contexts: { [rule ?? 'acrossFields']: { [FIELD_RULE_CONTEXT]: rule } },
    children: [],
  });
}

/**
 * class-validator on every body and query: the 400 lists every invalid field with its path
 * (`outcomes[0].missions[1].city`), once, and the domain rule that refuses it when one does
 * (`rule: 'invalid-city'`).
 */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => invalidFields(flatten(errors)),
  });
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const name = nameOf(error);
    const path = joinPath(parent, name);
    const own = ownErrors(error, path || '(body)', name);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

function ownErrors(error: ValidationError, path: string, name: string): FieldError[] {
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return [];
  // A field left out breaks its first rule, which may be any ("must be a string"): say
  // what is wrong instead.
  if (error.value === undefined) return [{ path, message: `${error.property} is required` }];
  return (
    listErrorsOf(error, path, itemErrors) ??
    constraints.map(([constraint, said]) => {
      const rule = fieldRuleOf(error.contexts?.[constraint]);
      const message = name === error.property ? said : said.replaceAll(error.property, name);
      return rule === undefined ? { path, message } : { path, message, rule };
    })
  );
}

/**
 * The invalid fields of an object in a list that also holds a bad item: class-validator left
 * it unvalidated (the list had already broken a rule), so it is validated here, as it would
 * have been in the list.
 */
function itemErrors(item: object, path: string): FieldError[] {
  return flatten(validateSync(item, VALIDATOR_OPTIONS), path);
}

/**
 * The name a field is listed by: the property's, and an unknown field's as the request sent it,
 * shortened when too long to echo (whitelisting names it, in its message too).
 */
function nameOf(error: ValidationError): string {
  return error.constraints?.whitelistValidation === undefined
    ? error.property
    : echoedName(error.property);
}

function joinPath(parent: string, property: string): string {
  if (property === undefined || property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
