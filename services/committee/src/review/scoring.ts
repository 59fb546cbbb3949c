import {
  CONCLUSIONS_BY_TYPE,
  REVIEW_RUBRICS,
  type Issue,
  type ReviewConclusion,
  type ReviewType,
} from '@aiplat/contracts';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** What is wrong with a scoring against the type's rubric: every criterion, nothing else, integers 1–5. */
export function scoreIssues(type: ReviewType, scores: Record<string, number>): Issue[] {
  const rubric = REVIEW_RUBRICS[type];
  const issues: Issue[] = [];
  for (const { criterion } of rubric) {
    const s = scores[criterion];
    if (s === undefined) issues.push({ path: `scores.${criterion}`, message: 'missing: every criterion is scored' });
    else if (!Number.isInteger(s) || s < 1 || s > 5) {
      issues.push({ path: `scores.${criterion}`, message: 'a score is a whole number from 1 to 5' });
    }
  }
  for (const key of Object.keys(scores)) {
    if (!rubric.some((c) => c.criterion === key)) {
      issues.push({ path: `scores.${key}`, message: `not a criterion of the ${type} rubric` });
    }
  }
  return issues;
}

/** One member's score: Σ score × weight / Σ weight, two decimals. */
export function weightedScore(type: ReviewType, scores: Record<string, number>): number {
  const rubric = REVIEW_RUBRICS[type];
  const total = rubric.reduce((n, c) => n + c.weight, 0);
  return round2(rubric.reduce((n, c) => n + (scores[c.criterion] ?? 0) * c.weight, 0) / total);
}

/** The panel's score: the mean of its members' weighted scores, two decimals. */
export function panelScore(memberScores: readonly number[]): number {
  if (memberScores.length === 0) throw new Error('a panel score needs at least one member score');
  return round2(memberScores.reduce((a, b) => a + b, 0) / memberScores.length);
}

/** What is wrong with a conclusion for this review type. */
export function conclusionIssues(type: ReviewType, conclusion: ReviewConclusion, conditions?: string): Issue[] {
  const allowed = CONCLUSIONS_BY_TYPE[type];
  const issues: Issue[] = [];
  if (!allowed.includes(conclusion)) {
    issues.push({ path: 'conclusion', message: `a ${type} concludes with one of ${allowed.join(', ')}` });
  }
  if (conclusion === 'approve_with_conditions' && !conditions) {
    issues.push({ path: 'conditions', message: 'approve_with_conditions needs the conditions' });
  }
  return issues;
}
