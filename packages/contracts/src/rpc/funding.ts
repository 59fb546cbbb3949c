import { createHash } from 'node:crypto';
import { z } from 'zod';
import { creditCodeSchema } from '../funding/credit-code';
import { allocationStatusSchema, fenSchema, positiveFenSchema, trancheStatusSchema } from '../events/funding-events';
import { taskStatusSchema } from '../events/task-events';
import { defineRpc } from '../registry';
import { rpcSubject } from '../subjects';
import { requestContextSchema, taskCodeParam } from './tasks';

/**
 * Policy-fund programmes, budgets, allocations, funding checks and the ledger, served by the
 * funding service. Amounts are integer fen; a fraction or a negative amount is a validation error.
 */

const text = (max: number) => z.string().min(1).max(max);
export const fundingYearSchema = z.number().int().min(2000).max(2100);
export const programmeIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,47}$/, 'a programme id such as ai-industry');
export const allocationIdSchema = z.string().regex(/^al-[0-9a-f]{32}$/, 'an allocation id such as al-…');

export const programmeViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** Largest amount one allocation may ask for (fen). */
  ceiling: fenSchema,
  /** Whether an allocation must be linked to an active key task. */
  requiresActiveTask: z.boolean(),
});
export type ProgrammeView = z.infer<typeof programmeViewSchema>;

export const budgetViewSchema = z.object({
  programmeId: z.string(),
  year: z.number(),
  budget: fenSchema,
  /** Committed to approved allocations and not yet paid out or released. */
  committed: fenSchema,
  disbursed: fenSchema,
  /** Commitments returned to the budget (cancelled tranches, reverted approvals), in total. */
  released: fenSchema,
  /** budget − committed − disbursed; below zero only after an audited override. */
  available: z.number().int(),
  version: z.number().int(),
});
export type BudgetView = z.infer<typeof budgetViewSchema>;

export const TRANCHE_TRIGGERS = ['milestone', 'acceptance'] as const;

export const trancheInputSchema = z
  .object({
    title: text(200),
    amount: positiveFenSchema,
    /** `milestone`: an officer marks it payable when the milestone is reached; `acceptance`: on task acceptance. */
    trigger: z.enum(TRANCHE_TRIGGERS),
    milestone: text(500).optional(),
  })
  .strict();

export const trancheViewSchema = z.object({
  index: z.number().int(),
  title: z.string(),
  amount: fenSchema,
  trigger: z.enum(TRANCHE_TRIGGERS),
  milestone: z.string().optional(),
  status: trancheStatusSchema,
  holdCause: z.string().optional(),
  awaitingAcceptance: z.boolean().optional(),
});

export const eligibilityReasonSchema = z.object({ rule: z.string(), passed: z.boolean(), reason: z.string() });

export const allocationViewSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  year: z.number(),
  applicant: z.object({ name: z.string(), creditCode: z.string(), unit: z.string() }),
  taskCode: z.string().optional(),
  talentId: z.string().optional(),
  amount: fenSchema,
  purpose: z.string(),
  status: allocationStatusSchema,
  tranches: z.array(trancheViewSchema),
  eligibility: z
    .object({ eligible: z.boolean(), reasons: z.array(eligibilityReasonSchema), at: z.string() })
    .optional(),
  review: z
    .object({
      conclusion: z.enum(['recommend', 'not_recommend']),
      summary: z.string(),
      by: z.string(),
      at: z.string(),
      /** Set when the committee's review.concluded recorded it: the review, its score and any conditions. */
      reviewId: z.string().optional(),
      weightedScore: z.number().optional(),
      conditions: z.string().optional(),
    })
    .optional(),
  createdBy: z.string(),
  submittedBy: z.string().optional(),
  approvedBy: z.string().optional(),
  override: z.object({ reason: z.string(), by: z.string() }).optional(),
  rejection: z.object({ reason: z.string(), by: z.string() }).optional(),
  history: z.array(z.object({ at: z.string(), by: z.string(), action: z.string(), note: z.string().optional() })),
  version: z.number().int(),
});
export type AllocationView = z.infer<typeof allocationViewSchema>;

export const trancheDecisionSchema = z.object({
  tranche: z.number().int(),
  from: trancheStatusSchema,
  to: trancheStatusSchema,
  decision: z.string(),
  why: z.string(),
});
export const fundingCheckViewSchema = z.object({
  id: z.string(),
  taskCode: z.string(),
  causeEventType: z.string(),
  from: taskStatusSchema.optional(),
  to: taskStatusSchema,
  at: z.string(),
  /** The task had already moved on when this event arrived (redelivered late): nothing was changed. */
  stale: z.boolean().optional(),
  allocations: z.array(
    z.object({ allocationId: z.string(), status: allocationStatusSchema, tranches: z.array(trancheDecisionSchema) }),
  ),
});
export type FundingCheckView = z.infer<typeof fundingCheckViewSchema>;

export const LEDGER_KINDS = [
  'budget',
  'commitment',
  'hold',
  'hold_lifted',
  'payable',
  'disbursement',
  'cancellation',
  'release',
] as const;
export const ledgerKindSchema = z.enum(LEDGER_KINDS);
export type LedgerKind = z.infer<typeof ledgerKindSchema>;

export const ledgerEntryViewSchema = z.object({
  id: z.string(),
  kind: ledgerKindSchema,
  programmeId: z.string(),
  year: z.number(),
  allocationId: z.string().optional(),
  tranche: z.number().int().optional(),
  /** Fen; for `budget` the change (may be negative). */
  amount: z.number().int(),
  cause: z.object({ eventId: z.string().optional(), requestId: z.string().optional() }),
  actor: z.string(),
  override: z.boolean().optional(),
  reason: z.string().optional(),
  at: z.string(),
});
export type LedgerEntryView = z.infer<typeof ledgerEntryViewSchema>;

const ctx = { context: requestContextSchema };
const allocationRef = { ...ctx, allocationId: allocationIdSchema };

export const listProgrammesRpc = defineRpc({
  subject: rpcSubject('funding', 'programme', 'list'),
  service: 'funding',
  description: 'The fund programmes (资金渠道) with their ceilings and rules.',
  request: z.object(ctx).strict(),
  response: z.object({ items: z.array(programmeViewSchema) }),
});

export const seedProgrammesRpc = defineRpc({
  subject: rpcSubject('funding', 'programme', 'seed'),
  service: 'funding',
  description: 'Creates the policy’s fund programmes that do not exist yet; seeding again adds nothing.',
  request: z.object(ctx).strict(),
  response: z.object({ created: z.array(z.string()), unchanged: z.array(z.string()) }),
});

export const setBudgetRpc = defineRpc({
  subject: rpcSubject('funding', 'budget', 'set'),
  service: 'funding',
  description:
    'Sets a programme’s budget for a year (creating it if needed); refused if it would drop below what is committed and paid. Emits budget.changed.',
  request: z
    .object({ ...ctx, programmeId: programmeIdSchema, year: fundingYearSchema, amount: fenSchema, reason: text(2000) })
    .strict(),
  response: budgetViewSchema,
});

export const budgetUsageRpc = defineRpc({
  subject: rpcSubject('funding', 'budget', 'usage'),
  service: 'funding',
  description: 'Budget, committed, disbursed, released and available per programme and year.',
  request: z.object({ ...ctx, programmeId: programmeIdSchema.optional(), year: fundingYearSchema.optional() }).strict(),
  response: z.object({ items: z.array(budgetViewSchema) }),
});

export const blacklistApplicantRpc = defineRpc({
  subject: rpcSubject('funding', 'applicant', 'blacklist'),
  service: 'funding',
  description: 'Puts an applicant (by credit code) on the funding blacklist; its allocations fail eligibility.',
  request: z.object({ ...ctx, creditCode: creditCodeSchema, reason: text(2000) }).strict(),
  response: z.object({ creditCode: z.string(), reason: z.string() }),
});

/**
 * The id funding gives the allocation created with a source key: the same key, the same id, so a
 * repeated request finds the first allocation and the asking service can recognise its events.
 */
export function allocationIdForKey(sourceKey: string): string {
  return `al-${createHash('sha256').update(sourceKey).digest('hex').slice(0, 32)}`;
}

export const createAllocationRpc = defineRpc({
  subject: rpcSubject('funding', 'allocation', 'create'),
  service: 'funding',
  description:
    'Creates a draft allocation: applicant, programme and year, optional task and talent record, amount and tranches (summing to the amount; with a task, the last tranche is paid on acceptance). Funding officers create any; talent staff ask for talent subsidies (with talentId and sourceKey). With a sourceKey, asking again returns the same allocation.',
  request: z
    .object({
      ...ctx,
      programmeId: programmeIdSchema,
      year: fundingYearSchema,
      applicant: z.object({ name: text(200), creditCode: creditCodeSchema, unit: text(200) }).strict(),
      taskCode: taskCodeParam.optional(),
      talentId: text(64).optional(),
      /**
       * Makes the request idempotent: the same key always gives the same allocation (another
       * service asking for it again after a timeout or a crash gets the first one back).
       */
      sourceKey: text(128).optional(),
      amount: positiveFenSchema,
      purpose: text(2000),
      tranches: z.array(trancheInputSchema).min(1).max(12),
    })
    .strict(),
  response: allocationViewSchema,
});

export const getAllocationRpc = defineRpc({
  subject: rpcSubject('funding', 'allocation', 'get'),
  service: 'funding',
  description: 'One allocation with its tranches, eligibility, review conclusion and history.',
  request: z.object(allocationRef).strict(),
  response: allocationViewSchema,
});

export const listAllocationsRpc = defineRpc({
  subject: rpcSubject('funding', 'allocation', 'list'),
  service: 'funding',
  description:
    'Allocations filtered by status, programme, year or task; `queue: true` gives the asking officer’s approval queue (under review, not their own).',
  request: z
    .object({
      ...ctx,
      status: allocationStatusSchema.optional(),
      programmeId: programmeIdSchema.optional(),
      year: fundingYearSchema.optional(),
      taskCode: taskCodeParam.optional(),
      queue: z.boolean().optional(),
      limit: z.number().int().min(1).max(500),
    })
    .strict(),
  response: z.object({ items: z.array(allocationViewSchema) }),
});

export const submitAllocationRpc = defineRpc({
  subject: rpcSubject('funding', 'allocation', 'submit'),
  service: 'funding',
  description:
    'Submits a draft; the programme’s eligibility rules run at once and are recorded with reasons (ineligible → rejected).',
  request: z.object(allocationRef).strict(),
  response: allocationViewSchema,
});

export const requestReviewRpc = defineRpc({
  subject: rpcSubject('funding', 'allocation', 'request_review'),
  service: 'funding',
  description: 'Sends an eligible allocation to the expert committee (emits allocation.review_requested).',
  request: z.object(allocationRef).strict(),
  response: allocationViewSchema,
});

export const recordReviewRpc = defineRpc({
  subject: rpcSubject('funding', 'allocation', 'record_review'),
  service: 'funding',
  description: 'Records the expert committee’s conclusion on an allocation under review.',
  request: z
    .object({ ...allocationRef, conclusion: z.enum(['recommend', 'not_recommend']), summary: text(4000) })
    .strict(),
  response: allocationViewSchema,
});

export const approveAllocationRpc = defineRpc({
  subject: rpcSubject('funding', 'allocation', 'approve'),
  service: 'funding',
  description:
    'Approves an allocation under review and commits its amount in the budget (refused if not available). Four eyes: not by its creator or submitter. An administrator may override the budget limit with a reason.',
  request: z.object({ ...allocationRef, overrideReason: text(2000).optional() }).strict(),
  response: allocationViewSchema,
});

export const rejectAllocationRpc = defineRpc({
  subject: rpcSubject('funding', 'allocation', 'reject'),
  service: 'funding',
  description: 'Rejects an allocation (before approval) with a reason.',
  request: z.object({ ...allocationRef, reason: text(2000) }).strict(),
  response: allocationViewSchema,
});

export const TRANCHE_ACTIONS = ['make_payable', 'disburse'] as const;

export const trancheActionRpc = defineRpc({
  subject: rpcSubject('funding', 'tranche', 'act'),
  service: 'funding',
  description:
    '`make_payable`: a milestone tranche’s milestone was reached; `disburse`: a payable tranche was paid out.',
  request: z
    .object({ ...allocationRef, tranche: z.number().int().min(0).max(11), action: z.enum(TRANCHE_ACTIONS) })
    .strict(),
  response: allocationViewSchema,
});

export const listChecksRpc = defineRpc({
  subject: rpcSubject('funding', 'check', 'list'),
  service: 'funding',
  description: 'The funding checks run for a task, newest first: one per task event, with the decision per tranche.',
  request: z.object({ ...ctx, taskCode: taskCodeParam, limit: z.number().int().min(1).max(500) }).strict(),
  response: z.object({ items: z.array(fundingCheckViewSchema) }),
});

export const listLedgerRpc = defineRpc({
  subject: rpcSubject('funding', 'ledger', 'list'),
  service: 'funding',
  description: 'Ledger entries (commitments, holds, releases, disbursements, cancellations, budget changes), filtered.',
  request: z
    .object({
      ...ctx,
      programmeId: programmeIdSchema.optional(),
      year: fundingYearSchema.optional(),
      allocationId: allocationIdSchema.optional(),
      kind: ledgerKindSchema.optional(),
      limit: z.number().int().min(1).max(1000),
    })
    .strict(),
  response: z.object({ items: z.array(ledgerEntryViewSchema) }),
});

export const fundingRpcs = [
  listProgrammesRpc,
  seedProgrammesRpc,
  setBudgetRpc,
  budgetUsageRpc,
  blacklistApplicantRpc,
  createAllocationRpc,
  getAllocationRpc,
  listAllocationsRpc,
  submitAllocationRpc,
  requestReviewRpc,
  recordReviewRpc,
  approveAllocationRpc,
  rejectAllocationRpc,
  trancheActionRpc,
  listChecksRpc,
  listLedgerRpc,
] as const;
