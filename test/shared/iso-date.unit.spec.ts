import { isIsoDate } from '../../src/shared/iso-date.js';

describe('isIsoDate: a calendar date written YYYY-MM-DD', () => {
  it.each([
    '2024-02-29',
    '2000-02-29',
    '0001-01-01',
    '0099-12-31',
    '0100-03-01',
    '1961-01-04',
    '9999-12-31',
  ])('takes %s', (date) => expect(isIsoDate(date)).toBe(true));

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'a century that is not a leap year'],
    ['0100-02-29', 'a century of the first millennium that is not a leap year'],
    ['2024-02-30', 'no such day'],
    ['2024-04-31', 'April has 30 days'],
    ['2024-13-01', 'no such month'],
    ['2024-00-10', 'month zero'],
    ['2024-06-00', 'day zero'],
    ['0000-01-01', 'year zero'],
    ['2024-6-10', 'not zero-padded'],
    ['12024-06-10', 'five digits'],
    ['2024-06-10T00:00:00Z', 'a time'],
  ])('refuses %s (%s)', (date) => expect(isIsoDate(date)).toBe(false));
});
