import { countryCodeCheck } from '../../src/http/validation/is-country-code.js';

describe('A state code', () => {
  it.each(['KR', 'CU', 'CI', 'VA', 'PS', 'XK'])('accepts %s', (code) => {
    expect(countryCodeCheck(code)).toBeUndefined();
  });

  it.each(['ZZ', 'EU', 'UK', 'SU', 'AN', 'kr', 'KOR', '', 410, null])('refuses %p', (code) => {
    expect(countryCodeCheck(code)).toBe(
      'must be an ISO 3166-1 alpha-2 country code in upper case, such as KR',
    );
  });
});
