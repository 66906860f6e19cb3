import countries from 'i18n-iso-countries';
import { CheckedBy, type ValueCheck } from './value-check.js';

const SHAPE = 'must be an ISO 3166-1 alpha-2 country code: two upper-case letters, such as KR';

/**
 * Codes people write for a state that ISO 3166-1 reserves for it without assigning them:
 * the code to use instead.
 */
const RESERVED_FOR: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/** For a code ISO reserves for a state (UK, EL, in any case): the one to use, with its name. */
export function codeToUseWithName(code: string): string | undefined {
  const instead = RESERVED_FOR[code.toUpperCase()];
  return instead === undefined ? undefined : `${instead} (${countries.getName(instead, 'en')})`;
}

/** An ISO 3166-1 alpha-2 code that exists (KR, CU, ...), upper case. */
export const countryCodeCheck: ValueCheck = (value) => {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) return SHAPE;
  const code = value.toUpperCase();
  if (countries.isValid(code)) return code === value ? undefined : `must be upper case: ${code}`;
  const instead = codeToUseWithName(code);
  return instead === undefined
    ? `is ${value}, which is not an assigned ISO 3166-1 alpha-2 country code`
    : `is ${value}, which ISO 3166-1 reserves but does not assign: use ${instead}`;
};

export function IsCountryCode(): PropertyDecorator {
  return CheckedBy('isCountryCode', countryCodeCheck);
}
