/** Today's date (UTC), against which targets become overdue. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
