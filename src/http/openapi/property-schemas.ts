/**
 * Schema fragments for request properties, matching the custom class-validator decorators
 * (IsCalendarDate, IsCountryCode, IsPlainText) so the document states what validation checks;
 * and for the properties of answers.
 */

/** IsCalendarDate: a real calendar date written YYYY-MM-DD. */
export const CALENDAR_DATE = {
  type: 'string',
  format: 'date',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
} as const;

/** IsCountryCode: an assigned ISO 3166-1 alpha-2 code or XK, upper case. */
export const STATE_CODE = {
  type: 'string',
  pattern: '^[A-Z]{2}$',
  minLength: 2,
  maxLength: 2,
} as const;

export const STATE_CODE_DESCRIPTION =
  'ISO 3166-1 alpha-2 code of an assigned country, or XK (Kosovo, user-assigned), upper case';

/** IsPlainText(max): single-line text, not blank, without control characters or bidi overrides. */
export function plainText(maxLength: number) {
  return { type: 'string', minLength: 1, maxLength } as const;
}

/** In an answer: a date YYYY-MM-DD, or one that may be null. */
export const DATE = { type: 'string', format: 'date' } as const;
export const NULLABLE_DATE = { ...DATE, nullable: true } as const;

/** In an answer: text that may be null. */
export const NULLABLE_TEXT = { type: 'string', nullable: true } as const;
