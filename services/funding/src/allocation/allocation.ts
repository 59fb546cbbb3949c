import {
  conflict,
  DomainError,
  permissionsOf,
  ROLES,
  type Actor,
  type AllocationStatus,
  type Issue,
  type Permission,
  type Role,
  type TrancheStatus,
} from '@aiplat/contracts';
import type { OutboxEntry } from '@aiplat/messaging';

export type TrancheTrigger = 'milestone' | 'acceptance';

export interface Tranche {
  index: number;
  title: string;
  amount: number;
  trigger: TrancheTrigger;
  milestone?: string;
  status: TrancheStatus;
  /** Why it is held; only holds with cause `task_risk` are lifted by the funding check. */
  holdCause?: 'task_risk';
  /** The status a hold returns the tranche to. */
  heldFrom?: 'scheduled' | 'payable';
  /** The task is completed; this (final) tranche waits for its acceptance. */
  awaitingAcceptance?: boolean;
}

/** What one funding check decided for one tranche. */
export interface TrancheDecision {
  tranche: number;
  amount: number;
  from: TrancheStatus;
  to: TrancheStatus;
  decision: 'hold' | 'lift_hold' | 'await_acceptance' | 'make_payable' | 'cancel' | 'unchanged';
  why: string;
}

/**
 * The outcome of a check on an allocation. Kept in `check_outcomes` under
 * `<event id>:<allocation id>:<version it was decided on>`; the allocation itself keeps only
 * `appliedChecks.<event id>: <that version>`, so it stays small (FerretDB reads the whole
 * collection on every guarded update, and pays for every byte of it).
 */
export interface AppliedCheck {
  at: Date;
  status: AllocationStatus;
  decisions: TrancheDecision[];
}

export interface HistoryEntry {
  at: Date;
  by: string;
  action: string;
  note?: string;
}

export interface AllocationDocument {
  _id: string;
  programmeId: string;
  year: number;
  applicant: { name: string; creditCode: string; unit: string };
  taskCode?: string;
  talentId?: string;
  amount: number;
  purpose: string;
  tranches: Tranche[];
  status: AllocationStatus;
  eligibility?: { eligible: boolean; reasons: EligibilityReason[]; at: Date };
  review?: {
    conclusion: 'recommend' | 'not_recommend';
    summary: string;
    by: string;
    at: Date;
    reviewId?: string;
    weightedScore?: number;
    conditions?: string;
  };
  createdBy: string;
  submittedBy?: string;
  approvedBy?: string;
  override?: { reason: string; by: string };
  rejection?: { reason: string; by: string };
  history: HistoryEntry[];
  /** Funding checks applied: task event id → the version they were decided on (the guard of each check). */
  appliedChecks?: Record<string, number>;
  /**
   * The version of the linked task whose event the last check applied: an older event, redelivered
   * after a newer one, changes nothing (the tranches follow the task's latest status).
   */
  taskVersion?: number;
  version: number;
  createdAt: Date;
  outbox?: Record<string, OutboxEntry>;
  outboxPending?: boolean;
}

export interface EligibilityReason {
  rule: string;
  passed: boolean;
  reason: string;
}

export interface TrancheInput {
  title: string;
  amount: number;
  trigger: TrancheTrigger;
  milestone?: string;
}

/**
 * Tranches must add up to the amount. With a linked task the last tranche is paid on
 * its acceptance (and only the last); without one, no tranche can wait for acceptance.
 */
export function trancheIssues(amount: number, tranches: readonly TrancheInput[], taskCode?: string): Issue[] {
  const issues: Issue[] = [];
  const sum = tranches.reduce((s, t) => s + t.amount, 0);
  if (sum !== amount) {
    issues.push({ path: 'tranches', message: `tranches add up to ${sum} fen, the amount is ${amount} fen` });
  }
  tranches.forEach((t, i) => {
    const last = i === tranches.length - 1;
    if (t.trigger === 'acceptance' && (!taskCode || !last)) {
      issues.push({
        path: `tranches.${i}.trigger`,
        message: taskCode
          ? 'only the last tranche is paid on acceptance'
          : 'no linked task whose acceptance to wait for',
      });
    }
    if (last && taskCode && t.trigger !== 'acceptance') {
      issues.push({
        path: `tranches.${i}.trigger`,
        message: 'the last tranche of a task-linked allocation is paid on acceptance',
      });
    }
  });
  return issues;
}

export function newTranches(input: readonly TrancheInput[]): Tranche[] {
  return input.map((t, index) => ({
    index,
    title: t.title,
    amount: t.amount,
    trigger: t.trigger,
    ...(t.milestone ? { milestone: t.milestone } : {}),
    status: 'scheduled',
  }));
}

export const SETTLED: readonly TrancheStatus[] = ['disbursed', 'cancelled'];
export const allSettled = (tranches: readonly Tranche[]) => tranches.every((t) => SETTLED.includes(t.status));

function rolesOf(actor: Actor): Role[] {
  return (actor.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return permissionsOf(rolesOf(actor)).includes(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new DomainError('forbidden', `this needs the ${permission} permission`);
}

export const isAdmin = (actor: Actor) => rolesOf(actor).includes('admin');

/** Which statuses each action may start from: the allocation refuses any other. */
const ALLOWED_FROM: Readonly<Record<string, readonly AllocationStatus[]>> = Object.freeze({
  submit: ['draft'],
  request_review: ['eligibility_checked'],
  record_review: ['under_review'],
  approve: ['under_review'],
  reject: ['submitted', 'eligibility_checked', 'under_review'],
});

export function assertAllowed(
  doc: Pick<AllocationDocument, '_id' | 'status'>,
  action: keyof typeof ALLOWED_FROM,
): void {
  const from = ALLOWED_FROM[action] ?? [];
  if (!from.includes(doc.status)) {
    throw conflict(`allocation ${doc._id} is ${doc.status}; ${action} needs ${from.join(' or ')}`, {
      status: doc.status,
    });
  }
}

/**
 * Four eyes: the approver holds funding.manage and is neither the allocation's creator
 * nor its submitter. Overriding the budget limit also needs the admin role and a reason.
 */
export function assertMayApprove(doc: AllocationDocument, actor: Actor, overrideReason?: string): void {
  requirePermission(actor, 'funding.manage');
  if (actor.id === doc.createdBy)
    throw new DomainError('forbidden', 'four eyes: the creator cannot approve their own allocation');
  if (actor.id === doc.submittedBy)
    throw new DomainError('forbidden', 'four eyes: the submitter cannot approve the allocation');
  if (overrideReason !== undefined && !isAdmin(actor)) {
    throw new DomainError('forbidden', 'only an administrator may override the budget limit');
  }
}
