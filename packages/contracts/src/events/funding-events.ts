import { z } from 'zod';
import { creditCodeSchema } from '../funding/credit-code';
import { defineEvent } from '../registry';
import { taskStatusSchema } from './task-events';

/**
 * Policy-fund programmes, budgets, allocations and their tranches, produced by the funding
 * service. Money is always an integer number of fen (1 yuan = 100 fen): never a float.
 *
 * Allocation: `draft → submitted → eligibility_checked → under_review → approved | rejected`,
 * then `closed` once every tranche is settled. Tranche: `scheduled → payable → disbursed`,
 * or `held` (and back), or `cancelled`.
 */
export const fenSchema = z
  .number()
  .int('an amount in fen must be a whole number')
  .nonnegative('an amount in fen cannot be negative')
  .max(Number.MAX_SAFE_INTEGER);
/** A strictly positive amount of fen. */
export const positiveFenSchema = fenSchema.positive('an amount in fen must be above zero');

export const ALLOCATION_STATUSES = [
  'draft',
  'submitted',
  'eligibility_checked',
  'under_review',
  'approved',
  'rejected',
  'closed',
] as const;
export const allocationStatusSchema = z.enum(ALLOCATION_STATUSES);
export type AllocationStatus = z.infer<typeof allocationStatusSchema>;

export const TRANCHE_STATUSES = ['scheduled', 'payable', 'held', 'disbursed', 'cancelled'] as const;
export const trancheStatusSchema = z.enum(TRANCHE_STATUSES);
export type TrancheStatus = z.infer<typeof trancheStatusSchema>;

const allocationId = z.string().min(1).max(64);
const programmeId = z.string().min(1).max(64);
const year = z.number().int().min(2000).max(2100);

/** What every allocation event says, so consumers need not call back. */
const allocationFacts = {
  allocationId,
  programmeId,
  year,
  amount: positiveFenSchema,
  taskCode: z.string().min(1).max(32).optional(),
  /** The talent record a talent subsidy is for. */
  talentId: z.string().min(1).max(64).optional(),
  applicantName: z.string().min(1).max(200),
  /** The applicant's unified social credit code (the committee keeps experts of that organisation off a panel). */
  applicantCreditCode: creditCodeSchema,
};

/** A funding event whose data is a strict object of `shape`. */
const fundingEvent = <T extends string, S extends z.ZodRawShape>(
  type: T,
  description: string,
  shape: S,
  consumers: string[] = [],
) => defineEvent({ type, version: 1, source: 'funding', description, consumers, data: z.object(shape).strict() });

const allocationEvent = <T extends string, S extends z.ZodRawShape = Record<never, never>>(
  type: T,
  description: string,
  extra?: S,
  consumers: string[] = [],
) => fundingEvent(type, description, { ...allocationFacts, ...(extra ?? ({} as S)) }, consumers);

export const allocationSubmitted = allocationEvent(
  'allocation.submitted',
  'An allocation request (资金申请) was submitted for a programme and year; eligibility is checked next. The applicant joins the shared organisation registry.',
  {},
  ['consultations'],
);
export const allocationEligibilityChecked = allocationEvent(
  'allocation.eligibility_checked',
  'The programme’s eligibility rules were evaluated on a submitted allocation, each with its reason.',
  {
    eligible: z.boolean(),
    reasons: z.array(z.object({ rule: z.string(), passed: z.boolean(), reason: z.string() }).strict()).max(20),
  },
);
export const allocationReviewRequested = allocationEvent(
  'allocation.review_requested',
  'An eligible allocation was sent to the expert committee for review; its conclusion is recorded on the allocation.',
  { purpose: z.string().min(1).max(2000) },
  ['committee'],
);
export const allocationApproved = allocationEvent(
  'allocation.approved',
  'A funding officer (not its creator or submitter) approved an allocation; its amount is committed in the programme budget.',
  { approvedBy: z.string().min(1).max(128), override: z.boolean() },
  ['talent'],
);
export const allocationRejected = allocationEvent(
  'allocation.rejected',
  'An allocation was rejected, by an officer with a reason or because it failed eligibility.',
  { reason: z.string().min(1).max(2000) },
  ['talent'],
);

/** What every tranche event says. */
const trancheFacts = {
  allocationId,
  programmeId,
  year,
  tranche: z.number().int().nonnegative(),
  amount: positiveFenSchema,
  taskCode: z.string().min(1).max(32).optional(),
  from: trancheStatusSchema,
  to: trancheStatusSchema,
  /** Why: e.g. `task_risk`, `task_accepted`, `task_cancelled`, `milestone_reached`, `disbursed`. */
  cause: z.string().min(1).max(64),
};

const trancheEvent = <T extends string>(type: T, description: string) => fundingEvent(type, description, trancheFacts);

export const trancheHeld = trancheEvent(
  'tranche.held',
  'A tranche was held because its task is at risk or overdue (funding check).',
);
export const trancheReleased = trancheEvent(
  'tranche.released',
  'A hold on a tranche was lifted: its task returned to in_progress (funding check).',
);
export const tranchePayable = trancheEvent(
  'tranche.payable',
  'A tranche became payable: its milestone was reached or its task accepted.',
);
export const trancheDisbursed = trancheEvent('tranche.disbursed', 'A payable tranche was paid out (拨付).');
export const trancheCancelled = trancheEvent(
  'tranche.cancelled',
  'An undisbursed tranche was cancelled (its task was cancelled); its commitment returned to the budget.',
);

export const fundingCheckRecorded = defineEvent({
  type: 'funding.check_recorded',
  version: 1,
  source: 'funding',
  description:
    'The funding check of one task event was recorded: the allocations linked to the task and the decision per tranche.',
  consumers: [],
  data: z
    .object({
      checkId: z.string().min(1).max(64),
      taskCode: z.string().min(1).max(32),
      causeEventId: z.uuid(),
      causeEventType: z.string().min(1).max(64),
      from: taskStatusSchema.optional(),
      to: taskStatusSchema,
      allocations: z.number().int().nonnegative(),
      changedTranches: z.number().int().nonnegative(),
      /** True when a newer event of the task had been applied already: the check changed nothing. */
      stale: z.boolean().optional(),
    })
    .strict(),
});

export const budgetChanged = defineEvent({
  type: 'budget.changed',
  version: 1,
  source: 'funding',
  description: 'The annual budget of a programme was set or changed, with the reason.',
  consumers: [],
  data: z
    .object({
      programmeId,
      year,
      budget: fenSchema,
      previous: fenSchema,
      available: z.number().int(),
      reason: z.string().min(1).max(2000),
    })
    .strict(),
});
