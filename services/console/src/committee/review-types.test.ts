import { describe, expect, it } from 'vitest';
import {
  CONCLUSIONS_BY_TYPE,
  nextStep,
  readyToConclude,
  unscoredCriteria,
  weightedScorePreview,
  weightPercent,
  type PanelMember,
  type Review,
} from './review-types';

const RUBRIC = [
  { criterion: 'objectives_met', label: '目标完成', weight: 0.4 },
  { criterion: 'quality', label: '成果质量', weight: 0.3 },
  { criterion: 'funds_use', label: '资金使用', weight: 0.15 },
  { criterion: 'documentation', label: '资料完整', weight: 0.15 },
];

const member = (expertId: string, role: PanelMember['role'], status: PanelMember['status']): PanelMember => ({
  expertId,
  name: expertId,
  role,
  status,
  assignedAt: '2026-01-01T00:00:00Z',
});

function review(panel: PanelMember[], overrides: Partial<Review> = {}): Review {
  return {
    id: 'rv-1',
    type: 'acceptance_appraisal',
    title: 't',
    subject: { kind: 'task', ref: '2020-1' },
    status: 'open',
    dueDate: '2026-02-01',
    overdue: false,
    understaffed: false,
    visibility: 'full',
    myExpertId: 'ex-a',
    panel,
    rubric: RUBRIC,
    createdAt: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}

describe('weightedScorePreview', () => {
  it('is Σ score × weight / Σ weight to two decimals, as the committee computes it', () => {
    expect(weightedScorePreview(RUBRIC, { objectives_met: 4, quality: 4, funds_use: 3, documentation: 5 })).toBe(4);
    expect(weightedScorePreview(RUBRIC, { objectives_met: 5, quality: 3, funds_use: 2, documentation: 4 })).toBe(3.8);
    expect(weightedScorePreview([{ criterion: 'a', label: 'a', weight: 1 / 3 }], { a: 2 })).toBe(2);
  });

  it('is undefined while a criterion is unscored', () => {
    expect(weightedScorePreview(RUBRIC, { objectives_met: 4 })).toBeUndefined();
    expect(unscoredCriteria(RUBRIC, { objectives_met: 4, funds_use: 1 })).toEqual(['quality', 'documentation']);
  });

  it('shows weights as whole percentages', () => {
    expect(RUBRIC.map((c) => weightPercent(c.weight))).toEqual([40, 30, 15, 15]);
  });
});

describe('nextStep', () => {
  it('follows the expert’s seat: declare, score, then (the chair, once all scored) conclude', () => {
    expect(nextStep(review([member('ex-a', 'chair', 'assigned')]))).toBe('declare');
    expect(nextStep(review([member('ex-a', 'chair', 'declared')]))).toBe('score');
    expect(nextStep(review([member('ex-a', 'chair', 'scored'), member('ex-b', 'member', 'declared')]))).toBe('rescore');
    expect(nextStep(review([member('ex-a', 'chair', 'scored'), member('ex-b', 'member', 'declined')]))).toBe(
      'conclude',
    );
    expect(nextStep(review([member('ex-b', 'chair', 'scored'), member('ex-a', 'member', 'scored')]))).toBe('rescore');
    expect(nextStep(review([member('ex-a', 'member', 'declined')]))).toBe('declined');
    expect(nextStep(review([member('ex-a', 'chair', 'scored')], { status: 'concluded' }))).toBe('done');
    expect(nextStep(review([member('ex-b', 'chair', 'scored')], { myExpertId: undefined }))).toBe('wait');
  });

  it('a panel with nobody active is not ready to conclude', () => {
    expect(readyToConclude(review([member('ex-a', 'chair', 'declined')]))).toBe(false);
  });
});

describe('CONCLUSIONS_BY_TYPE', () => {
  it('offers pass/fail for appraisals and approve/conditions/reject otherwise', () => {
    expect(CONCLUSIONS_BY_TYPE.acceptance_appraisal).toEqual(['pass', 'fail']);
    expect(CONCLUSIONS_BY_TYPE.allocation_review).toContain('approve_with_conditions');
  });
});
