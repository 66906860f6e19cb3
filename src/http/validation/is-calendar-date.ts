import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../../shared/iso-date.js';

/** A real calendar date written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a calendar date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}
