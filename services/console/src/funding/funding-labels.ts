import type { MessageKey } from '../i18n/message-key';

/** What the funding service writes in an allocation's history, in words; an action it adds later shows as it came. */
const HISTORY_ACTIONS = [
  'create',
  'submit',
  'eligible',
  'ineligible',
  'request_review',
  'record_review',
  'approve',
  'reject',
  'tranche_make_payable',
  'tranche_disburse',
] as const;

/** What a funding check decided for a tranche. */
const CHECK_DECISIONS = ['hold', 'lift_hold', 'await_acceptance', 'make_payable', 'cancel', 'unchanged'] as const;

/** The programme rules eligibility is checked against. */
const ELIGIBILITY_RULES = ['ceiling', 'not_blacklisted', 'task_active'] as const;

function oneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function historyActionKey(action: string): MessageKey | undefined {
  return oneOf(HISTORY_ACTIONS, action) ? `funding.history.${action}` : undefined;
}

export function checkDecisionKey(decision: string): MessageKey | undefined {
  return oneOf(CHECK_DECISIONS, decision) ? `funding.decision.${decision}` : undefined;
}

export function eligibilityRuleKey(rule: string): MessageKey | undefined {
  return oneOf(ELIGIBILITY_RULES, rule) ? `funding.rule.${rule}` : undefined;
}

export const FUNDING_LABEL_KEYS = {
  rule: ELIGIBILITY_RULES.map((rule) => `funding.rule.${rule}`),
  history: HISTORY_ACTIONS.map((action) => `funding.history.${action}`),
  decision: CHECK_DECISIONS.map((decision) => `funding.decision.${decision}`),
};
