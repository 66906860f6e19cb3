const AHEAD_OF_UTC_MS = 14 * 3600 * 1000;
const DAY_MS = 86_400_000;

/** The last day asked for, and the instants (shifted to UTC+14) it lasts: one day, many commands. */
let lastDay = { from: 0, until: 0, date: '' };

/**
 * The latest calendar date anywhere on Earth (UTC+14) at `now`: a milestone dated
 * today in Seoul or Kiritimati is never refused as "in the future".
 */
export function todayAnywhere(now: Date): string {
  const shifted = now.getTime() + AHEAD_OF_UTC_MS;
  if (shifted >= lastDay.from && shifted < lastDay.until) return lastDay.date;
  const from = Math.floor(shifted / DAY_MS) * DAY_MS;
  lastDay = { from, until: from + DAY_MS, date: new Date(shifted).toISOString().slice(0, 10) };
  return lastDay.date;
}
