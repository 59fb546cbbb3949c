import type { TaskStatus } from '@aiplat/contracts';
import type { ProgrammeDocument } from '../programme/programmes';
import type { EligibilityReason } from './allocation';

/** Task statuses in which a linked task counts as active. */
export const ACTIVE_TASK_STATUSES: readonly TaskStatus[] = ['assigned', 'in_progress'];

export interface EligibilityFacts {
  amount: number;
  taskCode?: string;
  /** The blacklist entry's reason, when the applicant is on it. */
  blacklistReason?: string;
  /** The linked task's status as this service last heard it from task events. */
  taskStatus?: TaskStatus;
}

/** Evaluates a programme's rules; every rule is reported with its reason, passed or not. */
export function evaluateEligibility(
  programme: Pick<ProgrammeDocument, 'ceiling' | 'requiresActiveTask' | 'name'>,
  facts: EligibilityFacts,
): { eligible: boolean; reasons: EligibilityReason[] } {
  const reasons: EligibilityReason[] = [];
  reasons.push(
    facts.amount <= programme.ceiling
      ? {
          rule: 'ceiling',
          passed: true,
          reason: `${facts.amount} fen is within the ceiling of ${programme.ceiling} fen`,
        }
      : {
          rule: 'ceiling',
          passed: false,
          reason: `${facts.amount} fen exceeds the ceiling of ${programme.ceiling} fen`,
        },
  );
  reasons.push(
    facts.blacklistReason === undefined
      ? { rule: 'not_blacklisted', passed: true, reason: 'the applicant is not on the blacklist' }
      : { rule: 'not_blacklisted', passed: false, reason: `the applicant is blacklisted: ${facts.blacklistReason}` },
  );
  if (facts.taskCode || programme.requiresActiveTask) {
    if (!facts.taskCode) {
      reasons.push({ rule: 'task_active', passed: false, reason: `${programme.name} requires a linked key task` });
    } else if (facts.taskStatus === undefined) {
      reasons.push({ rule: 'task_active', passed: false, reason: `no status is known for task ${facts.taskCode}` });
    } else {
      const active = ACTIVE_TASK_STATUSES.includes(facts.taskStatus);
      reasons.push({
        rule: 'task_active',
        passed: active,
        reason: `task ${facts.taskCode} is ${facts.taskStatus}${active ? '' : ` (needs ${ACTIVE_TASK_STATUSES.join(' or ')})`}`,
      });
    }
  }
  return { eligible: reasons.every((r) => r.passed), reasons };
}
