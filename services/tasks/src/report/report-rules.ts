import { conflict, DomainError, type Actor, type ReportStatus, type TaskStatus } from '@aiplat/contracts';
import type { Milestone } from '../task/task';
import { planDate } from '../task/overdue';

/** Work that is being done: reports are written on assigned, started, at-risk and completed tasks. */
export const REPORTABLE_TASK_STATUSES: readonly TaskStatus[] = Object.freeze([
  'assigned',
  'in_progress',
  'at_risk',
  'completed',
]);

/** Open work owes reports (a completed task has given its last one). */
export const REPORT_OWING_TASK_STATUSES: readonly TaskStatus[] = Object.freeze(['assigned', 'in_progress', 'at_risk']);

export interface ReportingUnits {
  readonly leadUnitIds: readonly string[];
  readonly coUnitIds: readonly string[];
}

/** The unit an actor reports for on this task, and whether it leads it; a DomainError when they may not. */
export function reportingUnitOf(task: ReportingUnits, actor: Actor): { unitId: string; lead: boolean } | DomainError {
  const unitId = actor.unitId;
  const isBureau = (actor.roles ?? []).includes('bureau');
  if (!isBureau || !unitId) {
    return new DomainError('forbidden', 'progress reports are written by staff of a responsible unit');
  }
  if (task.leadUnitIds.includes(unitId)) return { unitId, lead: true };
  if (task.coUnitIds.includes(unitId)) return { unitId, lead: false };
  return new DomainError('forbidden', `${unitId} is not responsible for this task`);
}

/** Whether a report for this (task, unit, period) may be written now: first time, or again after a return. */
export function checkSubmission(
  taskCode: string,
  taskStatus: TaskStatus,
  existing: { status: ReportStatus } | null,
): DomainError | undefined {
  if (!REPORTABLE_TASK_STATUSES.includes(taskStatus)) {
    return conflict(
      `task ${taskCode} is ${taskStatus}: reports are written on ${REPORTABLE_TASK_STATUSES.join(', ')} tasks`,
      {
        taskStatus,
      },
    );
  }
  if (existing?.status === 'submitted') {
    return conflict('this period’s report is already submitted; it can be written again once the office returns it', {
      reportStatus: existing.status,
    });
  }
  return undefined;
}

/** Only a submitted report goes back for rework. */
export function checkReturn(status: ReportStatus): DomainError | undefined {
  return status === 'submitted' ? undefined : conflict(`the report is ${status}; only a submitted report is returned`);
}

export interface ReportEffect {
  readonly milestones: Milestone[];
  /** Milestones this report marks done for the first time. */
  readonly newlyDone: (Milestone & { late: boolean })[];
}

/**
 * What a lead unit's report does to its task's milestones: each update names a milestone by
 * title and marks it done with its evidence. A title the task does not have is refused (with
 * the titles it does have), so a typo never passes as progress. Marking a done milestone done
 * again changes nothing.
 */
export function applyMilestoneUpdates(
  milestones: readonly Milestone[],
  updates: readonly { title: string; evidence?: string }[],
  now: Date,
): ReportEffect | DomainError {
  const titles = new Set(milestones.map((m) => m.title));
  const unknown = updates.filter((u) => !titles.has(u.title)).map((u) => u.title);
  if (unknown.length > 0) {
    return new DomainError(
      'validation',
      `the task has no milestone called ${unknown.map((t) => `“${t}”`).join(', ')}`,
      undefined,
      { milestones: [...titles] },
    );
  }
  const today = planDate(now);
  const byTitle = new Map(updates.map((u) => [u.title, u]));
  const newlyDone: ReportEffect['newlyDone'] = [];
  const next = milestones.map((m) => {
    const u = byTitle.get(m.title);
    if (!u || m.done) return m;
    const done: Milestone = { ...m, done: true, ...(u.evidence ? { evidence: u.evidence } : {}) };
    newlyDone.push({ ...done, late: m.dueDate < today });
    return done;
  });
  return { milestones: next, newlyDone };
}
