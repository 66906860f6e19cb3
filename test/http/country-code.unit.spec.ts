import { countryCodeCheck } from '../../src/http/validation/is-country-code.js';

describe('A state code', () => {
  it.each(['KR', 'CU', 'CI', 'VA', 'PS', 'XK'])('accepts %s', (code) => {
    expect(countryCodeCheck(code)).toBeUndefined();
  });

  it.each(['KOR', 'K', '', 'K1', 410, null, 'ÉS'])('refuses %p as not two letters', (code) => {
    expect(countryCodeCheck(code)).toBe(
      'must be an ISO 3166-1 alpha-2 country code: two upper-case letters, such as KR',
    );
  });

  it.each([
    ['kr', 'KR'],
    ['Cu', 'CU'],
  ])('refuses %s as not upper case, naming the code meant', (code, meant) => {
    expect(countryCodeCheck(code)).toBe(`must be upper case: ${meant}`);
  });

  it.each(['ZZ', 'EU', 'SU', 'AN', 'zz'])('refuses %s as not assigned', (code) => {
    expect(countryCodeCheck(code)).toBe(
      `is ${code}, which is not an assigned ISO 3166-1 alpha-2 country code`,
    );
  });

  it.each([
    ['UK', 'GB (United Kingdom)'],
    ['EL', 'GR (Greece)'],
    ['uk', 'GB (United Kingdom)'],
    ['el', 'GR (Greece)'],
  ])('refuses %s, reserved but not assigned, naming the code to use', (code, instead) => {
    expect(countryCodeCheck(code)).toBe(
      `is ${code}, which ISO 3166-1 reserves but does not assign: use ${instead}`,
    );
  });
});
