import { z } from 'zod';
import { defineEvent } from '../registry';

/**
 * The expert committee (专家咨询委员会), produced by the committee service: experts, their advice
 * (咨询意见) and the reviews (评估论证) whose panels score against a rubric and whose chair concludes.
 */

/** The policy's fields of expertise. `id` is a wire contract: append, never rename. */
export const EXPERT_FIELDS = [
  'intelligent_speech',
  'machine_vision',
  'cognitive_intelligence',
  'autonomous_driving',
  'big_data_intelligence',
  'vr_ar',
  'chips',
  'sensors',
  'robotics',
  'smart_manufacturing',
  'smart_healthcare',
  'industry_policy',
] as const;
export const expertFieldSchema = z.enum(EXPERT_FIELDS);
export type ExpertField = z.infer<typeof expertFieldSchema>;

export const EXPERT_FIELD_LABELS: Readonly<Record<ExpertField, { zh: string; en: string }>> = Object.freeze({
  intelligent_speech: { zh: '智能语音', en: 'Intelligent speech' },
  machine_vision: { zh: '机器视觉', en: 'Machine vision' },
  cognitive_intelligence: { zh: '认知智能', en: 'Cognitive intelligence' },
  autonomous_driving: { zh: '智能驾驶', en: 'Autonomous driving' },
  big_data_intelligence: { zh: '大数据智能', en: 'Big-data intelligence' },
  vr_ar: { zh: '虚拟现实/增强现实', en: 'VR/AR' },
  chips: { zh: '芯片', en: 'Chips' },
  sensors: { zh: '传感器', en: 'Sensors' },
  robotics: { zh: '机器人', en: 'Robotics' },
  smart_manufacturing: { zh: '智能制造', en: 'Smart manufacturing' },
  smart_healthcare: { zh: '智慧医疗', en: 'Smart healthcare' },
  industry_policy: { zh: '产业政策', en: 'Industry policy' },
});

export const EXPERT_STATUSES = ['active', 'suspended', 'ended'] as const;
export const expertStatusSchema = z.enum(EXPERT_STATUSES);
export type ExpertStatus = z.infer<typeof expertStatusSchema>;

/** allocation_review: funding asked; acceptance_appraisal: a task reached `completed`; office_request: asked directly. */
export const REVIEW_TYPES = ['allocation_review', 'acceptance_appraisal', 'office_request'] as const;
export const reviewTypeSchema = z.enum(REVIEW_TYPES);
export type ReviewType = z.infer<typeof reviewTypeSchema>;

/** approve / approve_with_conditions / reject for allocations and office requests; pass / fail for appraisals. */
export const REVIEW_CONCLUSIONS = ['approve', 'approve_with_conditions', 'reject', 'pass', 'fail'] as const;
export const reviewConclusionSchema = z.enum(REVIEW_CONCLUSIONS);
export type ReviewConclusion = z.infer<typeof reviewConclusionSchema>;

/** What advice or a review is about. `ref` is a task code, consultation id, allocation id or a question's title. */
export const SUBJECT_KINDS = ['task', 'consultation', 'allocation', 'strategic_question'] as const;
export const subjectKindSchema = z.enum(SUBJECT_KINDS);
export const committeeSubjectSchema = z.object({ kind: subjectKindSchema, ref: z.string().min(1).max(200) }).strict();
export type CommitteeSubject = z.infer<typeof committeeSubjectSchema>;

export const RECOMMENDATION_STATUSES = ['pending', 'adopted', 'under_study', 'not_adopted'] as const;
export const recommendationStatusSchema = z.enum(RECOMMENDATION_STATUSES);
export type RecommendationStatus = z.infer<typeof recommendationStatusSchema>;

const id = z.string().min(1).max(64);
const expertIds = z.array(id).max(32);
/** A weighted rubric score: 1.00–5.00, two decimals. */
export const weightedScoreSchema = z.number().min(1).max(5);

const committeeEvent = <T extends string, S extends z.ZodRawShape>(
  type: T,
  description: string,
  shape: S,
  consumers: readonly string[] = [],
) => defineEvent({ type, version: 1, source: 'committee', description, consumers, data: z.object(shape).strict() });

export const expertAppointed = committeeEvent(
  'expert.appointed',
  'The office or secretariat appointed an expert to the committee for a term, with their fields of expertise.',
  {
    expertId: id,
    userId: z.string().min(1).max(128),
    name: z.string().min(1).max(200),
    organisation: z.string().min(1).max(200),
    fields: z.array(expertFieldSchema).min(1).max(EXPERT_FIELDS.length),
    termFrom: z.iso.date(),
    termTo: z.iso.date(),
    /** Set when the expert came through talent introduction: the talent record links to the expert. */
    talentId: z.string().min(1).max(64).optional(),
  },
  ['talent'],
);

export const expertSuspended = committeeEvent(
  'expert.suspended',
  'An expert was suspended with a reason: no new reviews are assigned to them.',
  { expertId: id, userId: z.string().min(1).max(128), reason: z.string().min(1).max(2000) },
);

export const adviceRecorded = committeeEvent(
  'advice.recorded',
  'An expert or a group of experts recorded advice (咨询意见) on a task, consultation, allocation or strategic question; a correction is a new revision (earlier ones are kept).',
  {
    adviceId: id,
    revision: z.number().int().positive(),
    subject: committeeSubjectSchema,
    expertIds: expertIds.min(1),
    recommendations: z.number().int().nonnegative(),
  },
);

export const recommendationResponded = committeeEvent(
  'recommendation.responded',
  'The office marked one recommendation of an advice adopted, under study or not adopted, with its response.',
  {
    adviceId: id,
    index: z.number().int().nonnegative(),
    status: recommendationStatusSchema.exclude(['pending']),
    response: z.string().min(1).max(4000),
  },
);

/** What every review event says about the review. */
const reviewFacts = {
  reviewId: id,
  type: reviewTypeSchema,
  /** Set on allocation reviews. */
  allocationId: id.optional(),
  /** Set on acceptance appraisals, and on allocation reviews linked to a task. */
  taskCode: z.string().min(1).max(32).optional(),
};

export const reviewRequested = committeeEvent(
  'review.requested',
  'A review (评估论证) was opened: by funding’s allocation.review_requested, by a task reaching completed (acceptance appraisal), or by the office.',
  {
    ...reviewFacts,
    title: z.string().min(1).max(500),
    dueDate: z.iso.date(),
    /** The event that caused it (absent when the office asked directly). */
    causeEventId: z.uuid().optional(),
  },
);

export const reviewAssigned = committeeEvent(
  'review.assigned',
  'Experts were assigned to a review’s panel (on opening, or one replacing an expert who declined); conflicted experts are never assigned.',
  {
    ...reviewFacts,
    expertIds: expertIds.min(1),
    chairExpertId: id,
    /** Set when the assignment replaces an expert who declined. */
    replacesExpertId: id.optional(),
  },
);

export const reviewDeclined = committeeEvent(
  'review.declined',
  'An assigned expert declined a review with a reason; a replacement is proposed from the remaining eligible experts when there is one.',
  { ...reviewFacts, expertId: id, reason: z.string().min(1).max(2000), replacementExpertId: id.optional() },
);

export const reviewScored = committeeEvent(
  'review.scored',
  'A panel member scored a review against its rubric (1–5 per criterion); the weighted score is given.',
  { ...reviewFacts, expertId: id, weightedScore: weightedScoreSchema },
);

export const reviewConcluded = committeeEvent(
  'review.concluded',
  'The chair concluded a review once every active panel member scored. Funding records it on the allocation; tasks shows it on the task.',
  {
    ...reviewFacts,
    conclusion: reviewConclusionSchema,
    summary: z.string().min(1).max(4000),
    /** Required with approve_with_conditions. */
    conditions: z.string().min(1).max(4000).optional(),
    /** Mean over the panel of each member’s weighted rubric score, two decimals. */
    weightedScore: weightedScoreSchema,
    panelSize: z.number().int().positive(),
    chairExpertId: id,
  },
  ['funding', 'tasks'],
);

export const reviewReminded = committeeEvent(
  'review.reminded',
  'A review’s deadline is near and some panel members have not scored: they are reminded, once per review.',
  { ...reviewFacts, dueDate: z.iso.date(), pendingExpertIds: expertIds },
);

export const reviewOverdue = committeeEvent(
  'review.overdue',
  'A review passed its deadline unconcluded (flagged once); the secretariat sees it in the overdue list.',
  { ...reviewFacts, dueDate: z.iso.date(), pendingExpertIds: expertIds },
);
