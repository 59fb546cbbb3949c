import { planDate, type TaskStatus } from '@aiplat/contracts';
import type { Task } from './task';

/** Statuses whose work is done or dropped: nothing about them can be late any more. */
const SETTLED: readonly TaskStatus[] = ['completed', 'accepted', 'cancelled'];

export { planDate } from '@aiplat/contracts';

/** Why a task is overdue: its own due date, or the earliest unfinished milestone past its date. */
export interface OverdueFinding {
  readonly dueDate: string;
  readonly milestone?: string;
}

export function findOverdue(
  task: Pick<Task, 'status' | 'dueDate' | 'milestones'>,
  now: Date,
): OverdueFinding | undefined {
  if (SETTLED.includes(task.status)) return undefined;
  const today = planDate(now);
  if (task.dueDate && task.dueDate < today) return { dueDate: task.dueDate };
  const late = task.milestones
    .filter((m) => !m.done && m.dueDate < today)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  return late ? { dueDate: late.dueDate, milestone: late.title } : undefined;
}

/** The due date (or an unfinished milestone's) has passed and the task is not completed, accepted or cancelled. */
export function isOverdue(task: Pick<Task, 'status' | 'dueDate' | 'milestones'>, now: Date): boolean {
  return findOverdue(task, now) !== undefined;
}

export interface DueSoonFinding extends OverdueFinding {
  /** Whole days from today (Hefei) to the due date; 0 = due today. */
  readonly daysLeft: number;
}

/**
 * The nearest due date (the task's own, or an unfinished milestone's) that falls within the next
 * `leadDays` days, today included; nothing for settled tasks or when `leadDays` is 0.
 */
export function findDueSoon(
  task: Pick<Task, 'status' | 'dueDate' | 'milestones'>,
  now: Date,
  leadDays: number,
): DueSoonFinding | undefined {
  if (leadDays <= 0 || SETTLED.includes(task.status)) return undefined;
  const today = planDate(now);
  const horizon = planDate(new Date(now.getTime() + leadDays * 86_400_000));
  const candidates: OverdueFinding[] = [
    ...(task.dueDate ? [{ dueDate: task.dueDate }] : []),
    ...task.milestones.filter((m) => !m.done).map((m) => ({ dueDate: m.dueDate, milestone: m.title })),
  ];
  const next = candidates
    .filter((c) => c.dueDate >= today && c.dueDate <= horizon)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
  if (!next) return undefined;
  const daysLeft = Math.round((Date.parse(next.dueDate) - Date.parse(today)) / 86_400_000);
  return { ...next, daysLeft };
}
