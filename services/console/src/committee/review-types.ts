/**
 * Wire types of the committee endpoints (`/api/v1/committee/...`) as the console reads them, and the pure rules the
 * expert's inbox shows before the server is asked (the server checks all of them again).
 */

export const REVIEW_TYPES = ['allocation_review', 'acceptance_appraisal', 'office_request'] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];

export const REVIEW_CONCLUSIONS = ['approve', 'approve_with_conditions', 'reject', 'pass', 'fail'] as const;
export type ReviewConclusion = (typeof REVIEW_CONCLUSIONS)[number];

/** The conclusions the chair may reach for each review type (as the committee service's `CONCLUSIONS_BY_TYPE`). */
export const CONCLUSIONS_BY_TYPE: Readonly<Record<ReviewType, readonly ReviewConclusion[]>> = {
  allocation_review: ['approve', 'approve_with_conditions', 'reject'],
  acceptance_appraisal: ['pass', 'fail'],
  office_request: ['approve', 'approve_with_conditions', 'reject'],
};

export const SUBJECT_KINDS = ['task', 'consultation', 'allocation', 'strategic_question'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const SCORE_VALUES = [1, 2, 3, 4, 5] as const;

export interface RubricCriterion {
  readonly criterion: string;
  readonly label: string;
  readonly weight: number;
}

export interface PanelMember {
  readonly expertId: string;
  readonly name: string;
  readonly role: 'chair' | 'member';
  readonly status: 'assigned' | 'declared' | 'declined' | 'scored';
  readonly assignedAt: string;
  readonly declaredAt?: string;
  readonly declineReason?: string;
  readonly scores?: Readonly<Record<string, number>>;
  readonly comment?: string;
  readonly weightedScore?: number;
}

export interface ReviewConclusionView {
  readonly conclusion: ReviewConclusion;
  readonly summary: string;
  readonly conditions?: string;
  readonly weightedScore: number;
  readonly by: string;
  readonly at: string;
}

export interface Review {
  readonly id: string;
  readonly type: ReviewType;
  readonly title: string;
  readonly subject: { readonly kind: SubjectKind; readonly ref: string };
  readonly taskCode?: string;
  readonly allocationId?: string;
  readonly status: 'open' | 'concluded';
  readonly dueDate: string;
  readonly overdue: boolean;
  readonly understaffed: boolean;
  readonly visibility: 'full' | 'assignment_only';
  readonly myExpertId?: string;
  readonly panel: readonly PanelMember[];
  readonly rubric: readonly RubricCriterion[];
  readonly material?: { readonly text: string; readonly facts: Readonly<Record<string, string>> };
  readonly conclusion?: ReviewConclusionView;
  readonly createdAt: string;
  readonly version: number;
}

export interface Recommendation {
  readonly index: number;
  readonly text: string;
  readonly status: string;
  readonly response?: string;
}

export interface Advice {
  readonly id: string;
  readonly subject: { readonly kind: SubjectKind; readonly ref: string };
  readonly title: string;
  readonly text: string;
  readonly expertIds: readonly string[];
  readonly recommendations: readonly Recommendation[];
  readonly revision: number;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

export function isReview(value: unknown): value is Review {
  if (!isObject(value)) return false;
  return (
    typeof value.id === 'string' &&
    typeof value.title === 'string' &&
    (REVIEW_TYPES as readonly unknown[]).includes(value.type) &&
    Array.isArray(value.panel) &&
    Array.isArray(value.rubric) &&
    typeof value.dueDate === 'string'
  );
}

export function isAdvice(value: unknown): value is Advice {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.title === 'string' &&
    Array.isArray(value.recommendations) &&
    Array.isArray(value.expertIds)
  );
}

export function itemsOf<T>(value: unknown, guard: (item: unknown) => item is T): T[] | undefined {
  if (!isObject(value) || !Array.isArray(value.items)) return undefined;
  return value.items.every(guard) ? (value.items as T[]) : undefined;
}

/** The asking expert's own seat on the panel (undefined for the secretariat, or a seat given up). */
export function mySeat(review: Review): PanelMember | undefined {
  return review.myExpertId ? review.panel.find((member) => member.expertId === review.myExpertId) : undefined;
}

/** Members still on the panel: those who declined are replaced and no longer count. */
export function activeMembers(review: Review): PanelMember[] {
  return review.panel.filter((member) => member.status !== 'declined');
}

/** Whether the chair may conclude now: the review is open and every active member has scored. */
export function readyToConclude(review: Review): boolean {
  const active = activeMembers(review);
  return review.status === 'open' && active.length > 0 && active.every((member) => member.status === 'scored');
}

/** What the expert can do next on a review, for the inbox and the review page. */
export type ReviewStep = 'declare' | 'score' | 'rescore' | 'conclude' | 'wait' | 'done' | 'declined';

export function nextStep(review: Review): ReviewStep {
  if (review.status === 'concluded') return 'done';
  const seat = mySeat(review);
  if (!seat) return 'wait';
  if (seat.status === 'declined') return 'declined';
  if (seat.status === 'assigned') return 'declare';
  if (seat.status === 'declared') return 'score';
  if (seat.role === 'chair' && readyToConclude(review)) return 'conclude';
  return 'rescore';
}

/**
 * The weighted score the server will compute for a complete sheet (Σ score × weight / Σ weight, two decimals), or
 * undefined while a criterion is still unscored.
 */
export function weightedScorePreview(
  rubric: readonly RubricCriterion[],
  scores: Readonly<Record<string, number | undefined>>,
): number | undefined {
  let total = 0;
  let weights = 0;
  for (const { criterion, weight } of rubric) {
    const score = scores[criterion];
    if (score === undefined) return undefined;
    total += score * weight;
    weights += weight;
  }
  return weights > 0 ? Math.round((total / weights) * 100) / 100 : undefined;
}

/** A rubric weight as a whole percentage (0.15 → 15). */
export function weightPercent(weight: number): number {
  return Math.round(weight * 100);
}

/** Criteria of the rubric that have no score yet. */
export function unscoredCriteria(
  rubric: readonly RubricCriterion[],
  scores: Readonly<Record<string, number | undefined>>,
): string[] {
  return rubric.filter(({ criterion }) => scores[criterion] === undefined).map(({ criterion }) => criterion);
}
