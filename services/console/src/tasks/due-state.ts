/** China Standard Time, UTC+8 all year: a task is due by the day as Hefei counts it. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** How many days before its due date a task counts as due soon. */
export const DUE_SOON_DAYS = 3;

/** `overdue`: past its due date; `dueSoon`: due today or within three days; `onTime`: later, or no due date. */
export type DueState = 'overdue' | 'dueSoon' | 'onTime';

/** Today's date (`2026-11-28`) in China time. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

function dayNumber(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : Math.round(ms / DAY_MS);
}

/**
 * Where an unfinished task stands against its due date. The server's `overdue` flag (which also counts late
 * milestones) wins; finished tasks (completed, accepted, cancelled) are never late.
 */
export function dueState(
  task: { readonly status?: string; readonly dueDate?: string; readonly overdue: boolean },
  now: Date,
): DueState {
  if (task.status && ['completed', 'accepted', 'cancelled'].includes(task.status)) return 'onTime';
  if (task.overdue) return 'overdue';
  const due = task.dueDate ? dayNumber(task.dueDate) : undefined;
  const today = dayNumber(chinaToday(now));
  if (due === undefined || today === undefined) return 'onTime';
  if (due < today) return 'overdue';
  return due - today <= DUE_SOON_DAYS ? 'dueSoon' : 'onTime';
}
