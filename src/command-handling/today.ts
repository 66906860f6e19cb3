/**
 * The latest calendar date anywhere on Earth (UTC+14) at `now`: a milestone dated
 * today in Seoul or Kiritimati is never refused as "in the future".
 */
export function todayAnywhere(now: Date): string {
  return new Date(now.getTime() + 14 * 3600 * 1000).toISOString().slice(0, 10);
}
