import { registerDecorator, type ValidationOptions } from 'class-validator';
import countries from 'i18n-iso-countries';

/** An ISO 3166-1 alpha-2 code that exists (KR, CU, ...), upper case. */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCountryCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `$property must be an ISO 3166-1 alpha-2 country code in upper case, such as KR`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value),
      },
    });
}
