import { todayAnywhere } from '../../src/command-handling/today.js';

describe('Today anywhere on Earth', () => {
  it('is the date in UTC+14: a new day starts at 10:00 UTC', () => {
    expect(todayAnywhere(new Date('2024-06-12T09:59:59.999Z'))).toBe('2024-06-12');
    expect(todayAnywhere(new Date('2024-06-12T10:00:00.000Z'))).toBe('2024-06-13');
  });

  it('follows the instant asked about, back and forth across days and years', () => {
    const asked = [
      ['2024-06-12T10:00:00.000Z', '2024-06-13'],
      ['2024-06-12T09:00:00.000Z', '2024-06-12'],
      ['2024-12-31T10:00:00.000Z', '2025-01-01'],
      ['2024-06-13T09:59:59.999Z', '2024-06-13'],
      ['1969-12-31T09:00:00.000Z', '1969-12-31'],
      ['1969-12-31T10:00:00.000Z', '1970-01-01'],
      ['2024-02-28T10:30:00.000Z', '2024-02-29'],
    ] as const;
    for (const [instant, date] of asked) expect(todayAnywhere(new Date(instant))).toBe(date);
  });
});
