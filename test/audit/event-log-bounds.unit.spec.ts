import { boundOf } from '../../src/audit/audit-validation.js';

describe('The instant a from/to bound of the event log stands for', () => {
  it('given a date, then it is the whole UTC day', () => {
    expect(boundOf('2024-06-12', 'start')).toBe('2024-06-12T00:00:00.000Z');
    expect(boundOf('2024-06-12', 'end')).toBe('2024-06-12T23:59:59.999Z');
  });

  it('given an instant with an offset, then it is that instant in UTC', () => {
    expect(boundOf('2024-06-12T09:00:00+14:00', 'start')).toBe('2024-06-11T19:00:00.000Z');
    expect(boundOf('2024-06-12T09:00:00.250-12:00', 'end')).toBe('2024-06-12T21:00:00.250Z');
  });

  it('given a start between two milliseconds, then it begins at the next one, so nothing earlier is let in', () => {
    expect(boundOf('2026-11-29T09:41:00.3550001Z', 'start')).toBe('2026-11-29T09:41:00.356Z');
    expect(boundOf('2026-11-29T09:41:00.3550000Z', 'start')).toBe('2026-11-29T09:41:00.355Z');
  });

  it('given an end between two milliseconds, then it ends at its own millisecond', () => {
    expect(boundOf('2026-11-29T09:41:00.3559999Z', 'end')).toBe('2026-11-29T09:41:00.355Z');
  });
});
