/**
 * Due dates, deadlines and periods are calendar days in Hefei. China Standard Time is UTC+8 all
 * year (no daylight saving), so a fixed offset is exact: a task due 2020-12-31 is late from
 * 2021-01-01 00:00 CST.
 */
const PLAN_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in Hefei at `now`. */
export function planDate(now: Date): string {
  return new Date(now.getTime() + PLAN_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
