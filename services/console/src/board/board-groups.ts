import { TASK_STATUSES, type TaskStatus, type TaskSummary } from '../tasks/task-types';

/** The tasks in each status, in workflow order, each column in code order as the API gave them. */
export function byStatus(tasks: readonly TaskSummary[]): ReadonlyMap<TaskStatus, readonly TaskSummary[]> {
  return new Map(TASK_STATUSES.map((status) => [status, tasks.filter((task) => task.status === status)]));
}

export interface UnitRow {
  readonly unitId: string;
  readonly counts: Readonly<Record<TaskStatus, number>>;
  readonly total: number;
  /** Overdue unfinished tasks (the server's flag). */
  readonly overdue: number;
}

const zero = (): Record<TaskStatus, number> =>
  Object.fromEntries(TASK_STATUSES.map((status) => [status, 0])) as Record<TaskStatus, number>;

/**
 * One row per lead unit with its task counts per status; a task with two lead units counts for each. Units with the
 * most tasks first, then by id.
 */
export function byLeadUnit(tasks: readonly TaskSummary[]): UnitRow[] {
  const rows = new Map<string, { counts: Record<TaskStatus, number>; total: number; overdue: number }>();
  for (const task of tasks) {
    for (const unitId of new Set(task.leadUnitIds)) {
      const row = rows.get(unitId) ?? { counts: zero(), total: 0, overdue: 0 };
      row.counts[task.status] += 1;
      row.total += 1;
      if (task.overdue) row.overdue += 1;
      rows.set(unitId, row);
    }
  }
  return [...rows]
    .map(([unitId, row]) => ({ unitId, ...row }))
    .sort((a, b) => b.total - a.total || a.unitId.localeCompare(b.unitId));
}

/** The year a task belongs to, from its code (`2020-3.2` → 2020). */
export function yearOfCode(code: string): number | undefined {
  const match = /^(\d{4})-/.exec(code);
  return match ? Number(match[1]) : undefined;
}

/** The latest plan year among the tasks (for exports), else `fallback`. */
export function latestYear(tasks: readonly { readonly code: string }[], fallback: number): number {
  const years = tasks.map((task) => yearOfCode(task.code)).filter((y): y is number => y !== undefined);
  return years.length > 0 ? Math.max(...years) : fallback;
}
