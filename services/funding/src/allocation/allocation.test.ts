import type { Actor } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { assertAllowed, assertMayApprove, trancheIssues, type AllocationDocument } from './allocation';
import { evaluateEligibility } from './eligibility';

const officer = (id: string, extra: string[] = []): Actor => ({
  kind: 'user',
  id,
  roles: ['funding_officer', ...extra],
});
const doc = (over: Partial<AllocationDocument> = {}): AllocationDocument => ({
  _id: 'al-1',
  programmeId: 'ai-industry',
  year: 2026,
  applicant: { name: 'A', creditCode: '91350100M000100Y43', unit: 'u' },
  amount: 1000,
  purpose: 'p',
  tranches: [],
  status: 'under_review',
  createdBy: 'creator',
  submittedBy: 'submitter',
  history: [],
  version: 3,
  createdAt: new Date(),
  ...over,
});

describe('allocation workflow', () => {
  it('lets each action start only from its statuses', () => {
    expect(() => assertAllowed(doc({ status: 'draft' }), 'submit')).not.toThrow();
    expect(() => assertAllowed(doc({ status: 'submitted' }), 'submit')).toThrow(/needs draft/);
    expect(() => assertAllowed(doc({ status: 'eligibility_checked' }), 'approve')).toThrow(/needs under_review/);
    expect(() => assertAllowed(doc({ status: 'approved' }), 'reject')).toThrow(/conflict|needs/);
    expect(() => assertAllowed(doc({ status: 'under_review' }), 'reject')).not.toThrow();
  });

  it('four eyes: neither the creator nor the submitter approves; a bureau user cannot either', () => {
    expect(() => assertMayApprove(doc(), officer('creator'))).toThrow(/creator/);
    expect(() => assertMayApprove(doc(), officer('submitter'))).toThrow(/submitter/);
    expect(() => assertMayApprove(doc(), { kind: 'user', id: 'b', roles: ['bureau'] })).toThrow(/funding.manage/);
    expect(() => assertMayApprove(doc(), officer('third'))).not.toThrow();
  });

  it('an override of the budget limit needs the admin role', () => {
    expect(() => assertMayApprove(doc(), officer('third'), 'urgent')).toThrow(/administrator/);
    expect(() => assertMayApprove(doc(), officer('third', ['admin']), 'urgent')).not.toThrow();
  });

  it('tranches add up to the amount; with a task only the last waits for acceptance', () => {
    const m = (amount: number) => ({ title: 't', amount, trigger: 'milestone' as const });
    const a = (amount: number) => ({ title: 'acc', amount, trigger: 'acceptance' as const });
    expect(trancheIssues(1000, [m(600), a(400)], '2020-1')).toEqual([]);
    expect(trancheIssues(1000, [m(600), m(300)])[0]?.message).toMatch(/900 fen/);
    expect(trancheIssues(1000, [a(600), a(400)], '2020-1').map((i) => i.path)).toEqual(['tranches.0.trigger']);
    expect(trancheIssues(1000, [m(600), m(400)], '2020-1').map((i) => i.path)).toEqual(['tranches.1.trigger']);
    expect(trancheIssues(1000, [m(600), a(400)]).map((i) => i.path)).toEqual(['tranches.1.trigger']);
  });
});

describe('eligibility rules', () => {
  const programme = { name: 'AI', ceiling: 5000, requiresActiveTask: true };

  it('passes with every reason recorded', () => {
    const r = evaluateEligibility(programme, { amount: 5000, taskCode: '2020-1', taskStatus: 'in_progress' });
    expect(r.eligible).toBe(true);
    expect(r.reasons.map((x) => [x.rule, x.passed])).toEqual([
      ['ceiling', true],
      ['not_blacklisted', true],
      ['task_active', true],
    ]);
  });

  it('fails over the ceiling, when blacklisted, and when the task is not active or unknown', () => {
    expect(
      evaluateEligibility(programme, { amount: 5001, taskCode: '2020-1', taskStatus: 'in_progress' }).reasons[0],
    ).toMatchObject({
      passed: false,
      reason: expect.stringContaining('exceeds'),
    });
    expect(
      evaluateEligibility(programme, {
        amount: 1,
        taskCode: '2020-1',
        taskStatus: 'assigned',
        blacklistReason: 'fraud',
      }).reasons[1],
    ).toMatchObject({ passed: false, reason: expect.stringContaining('fraud') });
    expect(evaluateEligibility(programme, { amount: 1, taskCode: '2020-1', taskStatus: 'cancelled' }).eligible).toBe(
      false,
    );
    expect(evaluateEligibility(programme, { amount: 1, taskCode: '2020-1' }).reasons[2]?.reason).toMatch(/no status/);
    expect(evaluateEligibility(programme, { amount: 1 }).reasons[2]?.reason).toMatch(/requires a linked/);
    expect(evaluateEligibility({ ...programme, requiresActiveTask: false }, { amount: 1 }).eligible).toBe(true);
  });
});
