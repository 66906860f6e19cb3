import countries from 'i18n-iso-countries';
import { CheckedBy, type ValueCheck } from './value-check.js';

const SHAPE = 'must be an ISO 3166-1 alpha-2 country code: two upper-case letters, such as KR';

/**
 * Codes people write for a state that ISO 3166-1 reserves for it without assigning them:
 * the code to use instead.
 */
const RESERVED_FOR: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/** An ISO 3166-1 alpha-2 code that exists (KR, CU, ...), upper case. */
export const countryCodeCheck: ValueCheck = (value) => {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) return SHAPE;
  const code = value.toUpperCase();
  const assigned = countries.isValid(code);
  if (code !== value) return assigned ? `must be upper case: ${code}` : SHAPE;
  if (assigned) return undefined;
  const instead = RESERVED_FOR[code];
  return instead === undefined
    ? `is ${code}, which is not an assigned ISO 3166-1 alpha-2 country code`
    : `is ${code}, which ISO 3166-1 reserves but does not assign: use ${instead} (${countries.getName(instead, 'en')})`;
};

export function IsCountryCode(): PropertyDecorator {
  return CheckedBy('isCountryCode', countryCodeCheck);
}
