import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../shared/iso-date.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with its offset, on a real calendar day: 2025-01-31T12:00:00Z (not 2025-02-30T…). */
export function isInstant(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    INSTANT.test(value) &&
    isIsoDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: '$property must be an ISO 8601 instant with an offset, e.g. 2025-01-31T12:00:00Z',
        ...options,
      },
      validator: { validate: isInstant },
    });
}

/** An instant, or a calendar date (YYYY-MM-DD) meaning that whole UTC day. */
export function IsInstantOrDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstantOrDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: '$property must be a date (YYYY-MM-DD) or an ISO 8601 instant with an offset',
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          isInstant(value) || (typeof value === 'string' && isIsoDate(value)),
      },
    });
}

/**
 * The instant a date-or-instant bound stands for: a date starts at 00:00 or ends at
 * 23:59:59.999 UTC. Times are recorded to the millisecond, so an instant finer than that
 * starts at the next millisecond (nothing recorded before it is let in) and ends at its own.
 */
export function boundOf(value: string, end: 'start' | 'end'): string {
  if (!isInstant(value)) return writtenBoundOf(value, end);
  const instant = new Date(value);
  const finer = /\.\d{3}(\d+)/.exec(value)?.[1] ?? '';
  if (end === 'start' && /[1-9]/.test(finer)) instant.setTime(instant.getTime() + 1);
  return instant.toISOString();
}

/**
 * The instant a bound names as written, to the millisecond (a finer instant cut there): what
 * tells whether a range is in order. `from` and `to` within one millisecond are in order,
 * though `from` rounded up (boundOf) lets nothing of that millisecond in.
 */
export function writtenBoundOf(value: string, end: 'start' | 'end'): string {
  if (!isInstant(value)) {
    return end === 'start' ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
  }
  return new Date(value).toISOString();
}
