import type { AllocationAction, TrancheAction } from './funding-api';
import type { AllocationView, TrancheView } from './funding-types';

/**
 * What an officer may try on an allocation, by its status (as the funding service's rules say). The server checks
 * again; approval in particular may still be refused by the four-eyes rule, whose refusal the page shows as it comes.
 */
const OFFERED: Readonly<Record<AllocationAction, readonly string[]>> = {
  submit: ['draft'],
  'review-request': ['eligibility_checked'],
  approve: ['under_review'],
  reject: ['submitted', 'eligibility_checked', 'under_review'],
};

export function allocationActionsFor(
  allocation: Pick<AllocationView, 'status'>,
  permissions: readonly string[],
): AllocationAction[] {
  if (!permissions.includes('funding.manage')) return [];
  return (Object.keys(OFFERED) as AllocationAction[]).filter((action) => OFFERED[action].includes(allocation.status));
}

/**
 * What an officer may do with one tranche of an approved allocation: mark a milestone tranche payable once its
 * milestone is reached, pay out a payable one. Held and settled tranches are the funding check's business.
 */
export function trancheActionsFor(
  allocation: Pick<AllocationView, 'status'>,
  tranche: Pick<TrancheView, 'status' | 'trigger'>,
  permissions: readonly string[],
): TrancheAction[] {
  if (!permissions.includes('funding.manage') || allocation.status !== 'approved') return [];
  if (tranche.status === 'scheduled' && tranche.trigger === 'milestone') return ['make_payable'];
  if (tranche.status === 'payable') return ['disburse'];
  return [];
}

/** The user created or submitted it: the four-eyes rule lets another officer approve it, not them. */
export function ownAllocation(allocation: Pick<AllocationView, 'createdBy' | 'submittedBy'>, userId: string): boolean {
  return allocation.createdBy === userId || allocation.submittedBy === userId;
}
