import { z } from 'zod';
import {
  committeeSubjectSchema,
  expertFieldSchema,
  expertStatusSchema,
  recommendationStatusSchema,
  reviewConclusionSchema,
  reviewTypeSchema,
  type ReviewType,
} from '../events/committee-events';
import { creditCodeSchema } from '../funding/credit-code';
import { defineRpc } from '../registry';
import { taskCodeParam } from './tasks';
import { rpcSubject } from '../subjects';
import { requestContextSchema } from './tasks';

/**
 * The expert committee, served by the committee service: experts, advice with recommendations
 * and the office's responses, and reviews (panels, declarations, scores, the chair's conclusion).
 */

const text = (max: number) => z.string().min(1).max(max);

/**
 * A subject named in a request: a task by its code and an allocation by its id, as strict as the
 * review events that carry them (`taskCode`, `allocationId`); other subjects by a free reference.
 */
const subjectRequestSchema = committeeSubjectSchema.superRefine((subject, issues) => {
  const rule =
    subject.kind === 'task' ? taskCodeParam : subject.kind === 'allocation' ? allocationRefSchema : undefined;
  const checked = rule?.safeParse(subject.ref);
  if (checked && !checked.success) {
    for (const issue of checked.error.issues)
      issues.addIssue({ code: 'custom', path: ['ref'], message: issue.message });
  }
});
const allocationRefSchema = z.string().min(1).max(64);

export const expertIdSchema = z.string().regex(/^ex-[0-9a-f]{32}$/, 'an expert id such as ex-…');
export const adviceIdSchema = z.string().regex(/^ad-[0-9a-f]{32}$/, 'an advice id such as ad-…');
export const reviewIdSchema = z.string().regex(/^rv-[0-9a-f-]{32,36}$/, 'a review id such as rv-…');

/** One criterion of a review rubric; the weights of a rubric sum to 1. */
export interface RubricCriterion {
  readonly criterion: string;
  readonly label: string;
  readonly weight: number;
}

/** The rubric of each review type. Criterion ids are a wire contract (scores are keyed by them). */
export const REVIEW_RUBRICS: Readonly<Record<ReviewType, readonly RubricCriterion[]>> = Object.freeze({
  allocation_review: [
    { criterion: 'innovation', label: '创新性 Innovation', weight: 0.3 },
    { criterion: 'feasibility', label: '可行性 Feasibility', weight: 0.25 },
    { criterion: 'industrial_impact', label: '产业带动 Industrial impact', weight: 0.25 },
    { criterion: 'team', label: '团队能力 Team capability', weight: 0.2 },
  ],
  acceptance_appraisal: [
    { criterion: 'objectives_met', label: '目标完成 Objectives met', weight: 0.4 },
    { criterion: 'quality', label: '成果质量 Quality of results', weight: 0.3 },
    { criterion: 'funds_use', label: '资金使用 Use of funds', weight: 0.15 },
    { criterion: 'documentation', label: '资料完整 Documentation', weight: 0.15 },
  ],
  office_request: [
    { criterion: 'soundness', label: '论证充分 Soundness', weight: 0.5 },
    { criterion: 'feasibility', label: '可行性 Feasibility', weight: 0.3 },
    { criterion: 'impact', label: '影响 Impact', weight: 0.2 },
  ],
});

/** Conclusions the chair may reach for each review type. */
export const CONCLUSIONS_BY_TYPE: Readonly<Record<ReviewType, readonly string[]>> = Object.freeze({
  allocation_review: ['approve', 'approve_with_conditions', 'reject'],
  acceptance_appraisal: ['pass', 'fail'],
  office_request: ['approve', 'approve_with_conditions', 'reject'],
});

export const affiliationSchema = z
  .object({
    organisation: text(200),
    creditCode: creditCodeSchema.optional(),
    /** The platform unit the expert belongs to, if any (experts of a task's lead unit never review it). */
    unitId: text(64).optional(),
  })
  .strict();

export const expertViewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  affiliation: z.object({ organisation: z.string(), creditCode: z.string().optional(), unitId: z.string().optional() }),
  fields: z.array(expertFieldSchema),
  term: z.object({ from: z.string(), to: z.string() }),
  status: expertStatusSchema,
  suspension: z.object({ reason: z.string(), by: z.string(), at: z.string() }).optional(),
  appointedBy: z.string(),
  version: z.number().int(),
});
export type ExpertView = z.infer<typeof expertViewSchema>;

export const recommendationViewSchema = z.object({
  index: z.number().int(),
  text: z.string(),
  status: recommendationStatusSchema,
  response: z.string().optional(),
  respondedBy: z.string().optional(),
  respondedAt: z.string().optional(),
});

const adviceVersionSchema = z.object({
  revision: z.number().int(),
  title: z.string(),
  text: z.string(),
  recommendations: z.array(z.string()),
  by: z.string(),
  at: z.string(),
});

export const adviceViewSchema = z.object({
  id: z.string(),
  subject: committeeSubjectSchema,
  title: z.string(),
  text: z.string(),
  expertIds: z.array(z.string()),
  recommendations: z.array(recommendationViewSchema),
  revision: z.number().int(),
  /** Earlier versions, oldest first: advice is never edited silently. */
  previous: z.array(adviceVersionSchema),
  recordedBy: z.string(),
  recordedAt: z.string(),
  version: z.number().int(),
});
export type AdviceView = z.infer<typeof adviceViewSchema>;

export const PANEL_ROLES = ['chair', 'member'] as const;
export const PANEL_MEMBER_STATUSES = ['assigned', 'declared', 'declined', 'scored'] as const;

export const panelMemberViewSchema = z.object({
  expertId: z.string(),
  name: z.string(),
  role: z.enum(PANEL_ROLES),
  status: z.enum(PANEL_MEMBER_STATUSES),
  assignedAt: z.string(),
  declaredAt: z.string().optional(),
  declineReason: z.string().optional(),
  replacesExpertId: z.string().optional(),
  /** Visible to the secretariat, the chair and the member themself. */
  scores: z.record(z.string(), z.number()).optional(),
  comment: z.string().optional(),
  weightedScore: z.number().optional(),
});

export const REVIEW_STATUSES = ['open', 'concluded'] as const;
export const reviewStatusSchema = z.enum(REVIEW_STATUSES);

export const reviewViewSchema = z.object({
  id: z.string(),
  type: reviewTypeSchema,
  title: z.string(),
  subject: committeeSubjectSchema,
  allocationId: z.string().optional(),
  taskCode: z.string().optional(),
  status: reviewStatusSchema,
  dueDate: z.string(),
  overdue: z.boolean(),
  /** Fewer active panel members than the target size (not enough eligible experts). */
  understaffed: z.boolean(),
  /**
   * `full` for the secretariat and office, and for a panel member who declared no conflict;
   * `assignment_only` for a member who has not declared yet (no material, no scores).
   */
  visibility: z.enum(['full', 'assignment_only']),
  /** The asking expert's own place on the panel. */
  myExpertId: z.string().optional(),
  panel: z.array(panelMemberViewSchema),
  rubric: z.array(z.object({ criterion: z.string(), label: z.string(), weight: z.number() })),
  material: z.object({ text: z.string(), facts: z.record(z.string(), z.string()) }).optional(),
  conclusion: z
    .object({
      conclusion: reviewConclusionSchema,
      summary: z.string(),
      conditions: z.string().optional(),
      weightedScore: z.number(),
      by: z.string(),
      at: z.string(),
    })
    .optional(),
  causeEventId: z.string().optional(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ReviewView = z.infer<typeof reviewViewSchema>;

const ctx = { context: requestContextSchema };
const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
const reviewRef = { ...ctx, reviewId: reviewIdSchema };

export const listExpertsRpc = defineRpc({
  subject: rpcSubject('committee', 'expert', 'list'),
  service: 'committee',
  description: 'The committee’s experts, filtered by status or field.',
  request: z.object({ ...ctx, status: expertStatusSchema.optional(), field: expertFieldSchema.optional() }).strict(),
  response: items(expertViewSchema),
});

export const appointExpertRpc = defineRpc({
  subject: rpcSubject('committee', 'expert', 'appoint'),
  service: 'committee',
  description:
    'Appoints an expert (a user account with the expert role) for a term, with affiliation and fields. Emits expert.appointed.',
  request: z
    .object({
      ...ctx,
      userId: text(128),
      name: text(200),
      /** The talent record of an introduced talent appointed as an expert (its record then links here). */
      talentId: z
        .string()
        .regex(/^tl-[0-9a-f]{32}$/)
        .optional(),
      affiliation: affiliationSchema,
      fields: z.array(expertFieldSchema).min(1).max(12),
      term: z
        .object({ from: z.iso.date(), to: z.iso.date() })
        .strict()
        .refine((t) => t.from <= t.to, { path: ['to'], message: 'the term ends before it starts' }),
    })
    .strict(),
  response: expertViewSchema,
});

export const suspendExpertRpc = defineRpc({
  subject: rpcSubject('committee', 'expert', 'suspend'),
  service: 'committee',
  description: 'Suspends an active expert with a reason (no new reviews). Emits expert.suspended.',
  request: z.object({ ...ctx, expertId: expertIdSchema, reason: text(2000) }).strict(),
  response: expertViewSchema,
});

const recommendationsInput = z.array(text(2000)).max(20);

export const listAdviceRpc = defineRpc({
  subject: rpcSubject('committee', 'advice', 'list'),
  service: 'committee',
  description: 'Advice, newest first, optionally about one subject.',
  request: z
    .object({
      ...ctx,
      subjectKind: committeeSubjectSchema.shape.kind.optional(),
      subjectRef: text(200).optional(),
      limit: z.number().int().min(1).max(500),
    })
    .strict(),
  response: items(adviceViewSchema),
});

export const recordAdviceRpc = defineRpc({
  subject: rpcSubject('committee', 'advice', 'record'),
  service: 'committee',
  description:
    'An expert records advice on a subject, alone or with co-authors (other active experts), with recommendations. Emits advice.recorded.',
  request: z
    .object({
      ...ctx,
      subject: subjectRequestSchema,
      title: text(500),
      text: text(20_000),
      coAuthorExpertIds: z.array(expertIdSchema).max(16).optional(),
      recommendations: recommendationsInput,
    })
    .strict(),
  response: adviceViewSchema,
});

export const correctAdviceRpc = defineRpc({
  subject: rpcSubject('committee', 'advice', 'correct'),
  service: 'committee',
  description:
    'One of its authors corrects advice: a new revision; the earlier one is kept. `expectedRevision` refuses a stale correction.',
  request: z
    .object({
      ...ctx,
      adviceId: adviceIdSchema,
      expectedRevision: z.number().int().positive(),
      title: text(500),
      text: text(20_000),
      recommendations: recommendationsInput,
    })
    .strict(),
  response: adviceViewSchema,
});

export const respondRecommendationRpc = defineRpc({
  subject: rpcSubject('committee', 'recommendation', 'respond'),
  service: 'committee',
  description:
    'The office marks one recommendation adopted, under study or not adopted, with a response. Emits recommendation.responded.',
  request: z
    .object({
      ...ctx,
      adviceId: adviceIdSchema,
      index: z.number().int().min(0).max(19),
      status: recommendationStatusSchema.exclude(['pending']),
      response: text(4000),
    })
    .strict(),
  response: adviceViewSchema,
});

export const listReviewsRpc = defineRpc({
  subject: rpcSubject('committee', 'review', 'list'),
  service: 'committee',
  description:
    'Reviews, newest first. An expert sees only those they are assigned to; `overdue: true` gives the secretariat’s overdue list.',
  request: z
    .object({
      ...ctx,
      status: reviewStatusSchema.optional(),
      overdue: z.boolean().optional(),
      taskCode: z.string().min(1).max(32).optional(),
      limit: z.number().int().min(1).max(500),
    })
    .strict(),
  response: items(reviewViewSchema),
});

export const getReviewRpc = defineRpc({
  subject: rpcSubject('committee', 'review', 'get'),
  service: 'committee',
  description:
    'One review. A panel member sees the material only after declaring no conflict of interest; other experts get not_found.',
  request: z.object(reviewRef).strict(),
  response: reviewViewSchema,
});

export const requestReviewByOfficeRpc = defineRpc({
  subject: rpcSubject('committee', 'review', 'request'),
  service: 'committee',
  description:
    'The office asks the committee for a review (type office_request): a panel is assigned by field, without experts of the named organisations or units.',
  request: z
    .object({
      ...ctx,
      title: text(500),
      subject: subjectRequestSchema,
      material: text(20_000),
      fields: z.array(expertFieldSchema).min(1).max(12),
      /** Organisations (credit codes) and units whose experts are conflicted. */
      conflictCreditCodes: z.array(creditCodeSchema).max(16).optional(),
      conflictUnitIds: z.array(text(64)).max(32).optional(),
      dueDate: z.iso.date().optional(),
    })
    .strict(),
  response: reviewViewSchema,
});

export const declareNoConflictRpc = defineRpc({
  subject: rpcSubject('committee', 'review', 'declare'),
  service: 'committee',
  description: 'An assigned expert declares no conflict of interest; the material becomes visible to them.',
  request: z.object(reviewRef).strict(),
  response: reviewViewSchema,
});

export const declineReviewRpc = defineRpc({
  subject: rpcSubject('committee', 'review', 'decline'),
  service: 'committee',
  description:
    'An assigned expert declines (e.g. a conflict of interest) with a reason; a replacement is assigned from the remaining eligible experts.',
  request: z.object({ ...reviewRef, reason: text(2000) }).strict(),
  response: reviewViewSchema,
});

export const scoreReviewRpc = defineRpc({
  subject: rpcSubject('committee', 'review', 'score'),
  service: 'committee',
  description:
    'A panel member who declared scores every criterion of the rubric (integers 1–5) with a comment; scoring again before the conclusion replaces it.',
  request: z
    .object({
      ...reviewRef,
      scores: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.number().int().min(1).max(5)),
      comment: text(4000),
    })
    .strict(),
  response: reviewViewSchema,
});

export const concludeReviewRpc = defineRpc({
  subject: rpcSubject('committee', 'review', 'conclude'),
  service: 'committee',
  description:
    'The chair concludes once every active panel member scored: approve / approve_with_conditions / reject, or pass / fail for appraisals. Emits review.concluded.',
  request: z
    .object({
      ...reviewRef,
      conclusion: reviewConclusionSchema,
      summary: text(4000),
      conditions: text(4000).optional(),
    })
    .strict(),
  response: reviewViewSchema,
});

export const committeeRpcs = [
  listExpertsRpc,
  appointExpertRpc,
  suspendExpertRpc,
  listAdviceRpc,
  recordAdviceRpc,
  correctAdviceRpc,
  respondRecommendationRpc,
  listReviewsRpc,
  getReviewRpc,
  requestReviewByOfficeRpc,
  declareNoConflictRpc,
  declineReviewRpc,
  scoreReviewRpc,
  concludeReviewRpc,
] as const;
