import countries from 'i18n-iso-countries';
import { CheckedBy, type ValueCheck } from './value-check.js';

/** An ISO 3166-1 alpha-2 code that exists (KR, CU, ...), upper case. */
export const countryCodeCheck: ValueCheck = (value) =>
  typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value)
    ? undefined
    : 'must be an ISO 3166-1 alpha-2 country code in upper case, such as KR';

export function IsCountryCode(): PropertyDecorator {
  return CheckedBy('isCountryCode', countryCodeCheck);
}
