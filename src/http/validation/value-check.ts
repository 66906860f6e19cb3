import { registerDecorator } from 'class-validator';

/**
 * What is wrong with a value, as the phrase that follows its name ("must be text"), or
 * undefined when nothing is. One check serves a field and the items of a list alike, so
 * both read the same.
 */
export type ValueCheck = (value: unknown) => string | undefined;

/** A class-validator decorator that runs one check and says what the check found. */
export function CheckedBy(name: string, check: ValueCheck): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => check(value) === undefined,
        defaultMessage: (args) => `${args?.property ?? ''} ${check(args?.value) ?? ''}`,
      },
    });
}
