import { describe, expect, it } from 'vitest';
import { flattenMessages } from '../i18n/flatten';
import { en } from '../i18n/messages/en';
import { zhCN } from '../i18n/messages/zh-CN';
import { checkDecisionKey, eligibilityRuleKey, FUNDING_LABEL_KEYS, historyActionKey } from './funding-labels';

describe('funding labels', () => {
  it('name the known history actions and check decisions, and leave unknown ones alone', () => {
    expect(historyActionKey('approve')).toBe('funding.history.approve');
    expect(historyActionKey('tranche_disburse')).toBe('funding.history.tranche_disburse');
    expect(historyActionKey('something_new')).toBeUndefined();
    expect(checkDecisionKey('hold')).toBe('funding.decision.hold');
    expect(checkDecisionKey('other')).toBeUndefined();
    expect(eligibilityRuleKey('ceiling')).toBe('funding.rule.ceiling');
    expect(eligibilityRuleKey('new_rule')).toBeUndefined();
  });

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('have messages in %s', (_language, messages) => {
    const flat = flattenMessages(messages);
    const keys = [...FUNDING_LABEL_KEYS.history, ...FUNDING_LABEL_KEYS.decision, ...FUNDING_LABEL_KEYS.rule];
    expect(keys.filter((key) => !flat.has(key))).toEqual([]);
  });
});
