import {
  conflict,
  validationError,
  type Actor,
  type DomainError,
  type ExtensionStatus,
  type Issue,
  type TaskStatus,
} from '@aiplat/contracts';
import type { HistoryEntry } from '../task/task';
import { planDate } from '../task/overdue';
import { MAX_REASON_LENGTH } from '../task/task-status';

/**
 * Extension requests (延期申请): `pending → approved | rejected`. A task has at most one pending
 * request; only assigned work that is not finished yet can be extended.
 */
export const EXTENDABLE_TASK_STATUSES: readonly TaskStatus[] = Object.freeze(['assigned', 'in_progress', 'at_risk']);

/** Why a requested due date cannot be accepted, or nothing when it can. */
export function checkRequestedDueDate(
  task: { readonly dueDate?: string | undefined; readonly startDate?: string | undefined },
  requested: string,
  now: Date,
): DomainError | undefined {
  const today = planDate(now);
  const issues: Issue[] = [];
  if (task.dueDate && requested <= task.dueDate) {
    issues.push({ path: 'dueDate', message: `must be later than the current due date ${task.dueDate}` });
  }
  if (requested < today) issues.push({ path: 'dueDate', message: `is in the past (today is ${today})` });
  if (task.startDate && requested < task.startDate) {
    issues.push({ path: 'dueDate', message: `is before the task's start date ${task.startDate}` });
  }
  const latest = `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`;
  if (requested > latest) issues.push({ path: 'dueDate', message: 'is more than five years away' });
  return issues.length > 0 ? validationError('the requested due date is not acceptable', issues) : undefined;
}

export type ExtensionDecision =
  | { readonly ok: true; readonly to: ExtensionStatus; readonly reason?: string }
  | { readonly ok: false; readonly error: DomainError };

/** Decides a request: only a pending one can be decided, and a rejection must say why. Pure. */
export function decideExtension(
  request: { readonly id: string; readonly status: ExtensionStatus },
  decision: { readonly approve: boolean; readonly reason?: string | undefined },
): ExtensionDecision {
  if (request.status !== 'pending') {
    return {
      ok: false,
      error: conflict(`extension request ${request.id} is already ${request.status}`, {
        currentStatus: request.status,
        allowedNext: [],
      }),
    };
  }
  const reason = decision.reason?.trim() || undefined;
  if (!decision.approve && !reason) {
    return {
      ok: false,
      error: validationError('a rejection needs a reason', [{ path: 'reason', message: 'required when rejecting' }]),
    };
  }
  return { ok: true, to: decision.approve ? 'approved' : 'rejected', ...(reason ? { reason } : {}) };
}

/**
 * The task's history entry for an approved extension. The history records status changes, so
 * the entry keeps the status (from = to) and says what changed in its reason.
 */
export function extensionHistoryEntry(
  task: { readonly status: TaskStatus; readonly dueDate?: string | undefined },
  request: { readonly id: string; readonly requestedDueDate: string },
  actor: Actor,
  now: Date,
  reason?: string,
): HistoryEntry {
  const what = `due date ${task.dueDate ?? '(none)'} → ${request.requestedDueDate} (extension request ${request.id} approved)`;
  const full = reason ? `${what}: ${reason}` : what;
  return {
    at: now.toISOString(),
    by: actor.id,
    from: task.status,
    to: task.status,
    reason: full.length > MAX_REASON_LENGTH ? `${full.slice(0, MAX_REASON_LENGTH - 1)}…` : full,
  };
}
