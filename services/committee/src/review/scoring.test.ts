import { describe, expect, it } from 'vitest';
import { conclusionIssues, panelScore, scoreIssues, weightedScore } from './scoring';

describe('rubric scoring', () => {
  it('weighs each criterion (acceptance appraisal: 0.4, 0.3, 0.15, 0.15)', () => {
    const scores = { objectives_met: 5, quality: 4, funds_use: 3, documentation: 2 };
    expect(scoreIssues('acceptance_appraisal', scores)).toEqual([]);
    // 5×0.4 + 4×0.3 + 3×0.15 + 2×0.15 = 2 + 1.2 + 0.45 + 0.3 = 3.95
    expect(weightedScore('acceptance_appraisal', scores)).toBe(3.95);
    expect(weightedScore('allocation_review', { innovation: 5, feasibility: 5, industrial_impact: 5, team: 5 })).toBe(
      5,
    );
  });

  it('refuses missing, unknown, fractional and out-of-range scores', () => {
    const issues = scoreIssues('acceptance_appraisal', { objectives_met: 6, quality: 2.5, funds_use: 0, extra: 3 });
    expect(issues.map((i) => i.path).sort()).toEqual([
      'scores.documentation',
      'scores.extra',
      'scores.funds_use',
      'scores.objectives_met',
      'scores.quality',
    ]);
  });

  it('averages the panel to two decimals', () => {
    expect(panelScore([3.95, 4.2, 3])).toBe(3.72);
    expect(() => panelScore([])).toThrow();
  });

  it('allows only the conclusions of the review type, and conditions with approve_with_conditions', () => {
    expect(conclusionIssues('acceptance_appraisal', 'pass')).toEqual([]);
    expect(conclusionIssues('acceptance_appraisal', 'approve')[0]?.path).toBe('conclusion');
    expect(conclusionIssues('allocation_review', 'fail')[0]?.path).toBe('conclusion');
    expect(conclusionIssues('allocation_review', 'approve_with_conditions')[0]?.path).toBe('conditions');
    expect(conclusionIssues('allocation_review', 'approve_with_conditions', 'report quarterly')).toEqual([]);
  });
});
