import { Calendar, isKnownTimeZone } from '../../src/command-handling/calendar.js';

describe("The ministry's calendar", () => {
  it('given UTC, today is the UTC date, up to the last millisecond of the day', () => {
    const utc = new Calendar('UTC');
    expect(utc.today(new Date('2024-06-12T23:59:59.999Z'))).toBe('2024-06-12');
    expect(utc.today(new Date('2024-06-13T00:00:00.000Z'))).toBe('2024-06-13');
  });

  it("given a zone, today is that zone's date, ahead of or behind UTC", () => {
    const instant = new Date('2024-06-12T20:00:00Z');
    expect(new Calendar('Asia/Seoul').today(instant)).toBe('2024-06-13');
    expect(new Calendar('America/Havana').today(instant)).toBe('2024-06-12');
    expect(new Calendar('Pacific/Kiritimati').today(new Date('2024-06-12T10:00:00Z'))).toBe(
      '2024-06-13',
    );
    expect(new Calendar('Pacific/Pago_Pago').today(new Date('2024-06-13T10:00:00Z'))).toBe(
      '2024-06-12',
    );
  });

  it('follows the instant asked about, back and forth across days, years and leap days', () => {
    const seoul = new Calendar('Asia/Seoul');
    const asked = [
      ['2024-06-12T14:59:59.999Z', '2024-06-12'],
      ['2024-06-12T15:00:00.000Z', '2024-06-13'],
      ['2024-06-12T14:00:00.000Z', '2024-06-12'],
      ['2024-12-31T15:00:00.000Z', '2025-01-01'],
      ['2024-02-28T15:30:00.000Z', '2024-02-29'],
      ['1969-12-31T15:00:00.000Z', '1970-01-01'],
    ] as const;
    for (const [instant, date] of asked) expect(seoul.today(new Date(instant))).toBe(date);
  });

  it('numbers the years at the start of the calendar as ISO 8601 does: 1 BC is year 0000', () => {
    const instant = new Date('0001-01-01T00:00:00+14:00');
    expect(new Calendar('UTC').today(instant)).toBe('0000-12-31');
    // Seoul kept its local mean time (UTC+8:27:52) then: already 1 AD there.
    expect(new Calendar('Asia/Seoul').today(new Date('0000-12-31T20:00:00Z'))).toBe('0001-01-01');
    expect(new Calendar('UTC').today(new Date('0001-01-01T00:00:00Z'))).toBe('0001-01-01');
  });

  it('given a day a clock goes back (25 h) or forward (23 h), the next day begins at local midnight', () => {
    const havana = new Calendar('America/Havana');
    // Cuba leaves daylight time on 2024-11-03 (01:00 back to 00:00) and enters it on 2024-03-10.
    expect(havana.nextDayAt(new Date('2024-11-03T12:00:00Z')).toISOString()).toBe(
      '2024-11-04T05:00:00.000Z',
    );
    expect(havana.nextDayAt(new Date('2024-03-09T12:00:00Z')).toISOString()).toBe(
      '2024-03-10T05:00:00.000Z',
    );
    expect(havana.nextDayAt(new Date('2024-03-10T12:00:00Z')).toISOString()).toBe(
      '2024-03-11T04:00:00.000Z',
    );
    expect(new Calendar('UTC').nextDayAt(new Date('2024-06-12T23:59:59Z')).toISOString()).toBe(
      '2024-06-13T00:00:00.000Z',
    );
  });

  it('knows IANA zones and UTC, and nothing else', () => {
    expect(isKnownTimeZone('Asia/Seoul')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Etc/GMT-14')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('+09:00 ')).toBe(false);
  });
});
