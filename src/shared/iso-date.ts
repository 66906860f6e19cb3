/**
 * A calendar date written 'YYYY-MM-DD'. Dates in this form compare chronologically with
 * plain string comparison, which is all the domain needs.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when `value` is a real calendar date in 'YYYY-MM-DD' form, years 0001 to 9999 of the
 * Gregorian calendar (no clock involved).
 */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** The earliest of the given dates. */
export function earliestOf(first: IsoDate, ...others: readonly IsoDate[]): IsoDate {
  return others.reduce((earliest, date) => (date < earliest ? date : earliest), first);
}

/** The latest of the given dates. */
export function latestOf(first: IsoDate, ...others: readonly IsoDate[]): IsoDate {
  return others.reduce((latest, date) => (date > latest ? date : latest), first);
}

/** The date `days` days before `date`. */
export function daysBefore(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
