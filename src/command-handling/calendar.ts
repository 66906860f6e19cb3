import type { IsoDate } from '../shared/iso-date.js';

const MINUTE_MS = 60_000;
/** Longer than any calendar day (25 h when a clock goes back), to search the next one in. */
const LONGEST_DAY_MS = 26 * 3600 * 1000;

/**
 * The service's calendar: what date it is in the ministry's time zone (TIME_ZONE, UTC unless
 * set). A recorded fact dated after that day is in the future; a target dated before it has
 * passed; a plan given no date is agreed on it.
 */
export class Calendar {
  private readonly format: Intl.DateTimeFormat;
  /** The date of the last minute asked about: every command asks, the date changes daily. */
  private last = { minute: Number.NaN, date: '' };

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      era: 'short',
    });
  }

  today(now: Date = new Date()): IsoDate {
    const minute = Math.floor(now.getTime() / MINUTE_MS);
    if (minute !== this.last.minute) this.last = { minute, date: this.dateAt(now.getTime()) };
    return this.last.date;
  }

  /**
   * When the day after `now`'s begins, found by bisection (days last 23 to 25 h) down to the
   * second a zone's days always begin on.
   */
  nextDayAt(now: Date): Date {
    const today = this.dateAt(now.getTime());
    let before = now.getTime();
    let after = before + LONGEST_DAY_MS;
    while (after - before > 1000) {
      const middle = before + Math.floor((after - before) / 2);
      if (this.dateAt(middle) === today) before = middle;
      else after = middle;
    }
    return new Date(Math.floor(before / 1000) * 1000 + 1000);
  }

  /**
   * The date at `ms` in the time zone, its year as ISO 8601 numbers them: 1 BC is year 0000
   * (an instant of 0001-01-01 in a zone ahead of UTC can fall on it in UTC).
   */
  private dateAt(ms: number): IsoDate {
    let year = 0;
    let beforeChrist = false;
    let month = '';
    let day = '';
    for (const part of this.format.formatToParts(ms)) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = part.value;
      else if (part.type === 'day') day = part.value;
      else if (part.type === 'era') beforeChrist = part.value === 'BC';
    }
    const iso = beforeChrist ? 1 - year : year;
    return `${iso < 0 ? '-' : ''}${String(Math.abs(iso)).padStart(4, '0')}-${month}-${day}`;
  }
}

/** Whether `timeZone` is a zone Intl knows (an IANA name such as Asia/Seoul, or UTC). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
