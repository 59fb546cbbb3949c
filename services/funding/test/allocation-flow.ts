import {
  approveAllocationRpc,
  createAllocationRpc,
  requestReviewRpc,
  setBudgetRpc,
  submitAllocationRpc,
  type AllocationView,
  type RpcRequestOf,
} from '@aiplat/contracts';
import { as, type FundingHarness } from './funding-service';

export const CREATOR = 'officer-alice';
export const APPROVER = 'officer-bob';
/** A valid unified social credit code (GB 32100-2015). */
export const CREDIT_CODE = '91350100M000100Y43';

type Draft = Partial<Omit<RpcRequestOf<typeof createAllocationRpc>, 'context'>>;

export function draft(over: Draft = {}): Omit<RpcRequestOf<typeof createAllocationRpc>, 'context'> {
  const amount = over.amount ?? 100_000;
  return {
    programmeId: 'high-quality',
    year: 2026,
    applicant: { name: '合肥某智能科技有限公司', creditCode: CREDIT_CODE, unit: 'city-economy-it' },
    amount,
    purpose: 'intelligent voice pilot line',
    tranches: [{ title: 'all', amount, trigger: 'milestone' }],
    ...over,
  };
}

/** Three tranches for a task-linked allocation: two milestones and the final one on acceptance. */
export function taskTranches(amount: number): NonNullable<Draft['tranches']> {
  const third = Math.floor(amount / 3);
  return [
    { title: 'kick-off', amount: third, trigger: 'milestone', milestone: 'contract signed' },
    { title: 'midterm', amount: third, trigger: 'milestone', milestone: 'midterm review' },
    { title: 'acceptance', amount: amount - 2 * third, trigger: 'acceptance' },
  ];
}

export async function setBudget(h: FundingHarness, programmeId: string, year: number, amount: number) {
  return h.rpc.request(setBudgetRpc, { context: as(CREATOR), programmeId, year, amount, reason: 'annual budget' });
}

/** Created and submitted by the creator, sent to review: ready for someone else to approve. */
export async function underReview(h: FundingHarness, over: Draft = {}): Promise<AllocationView> {
  const created = await h.rpc.request(createAllocationRpc, { context: as(CREATOR), ...draft(over) });
  const submitted = await h.rpc.request(submitAllocationRpc, { context: as(CREATOR), allocationId: created.id });
  if (submitted.status !== 'eligibility_checked') {
    throw new Error(`not eligible: ${JSON.stringify(submitted.eligibility)}`);
  }
  return h.rpc.request(requestReviewRpc, { context: as(CREATOR), allocationId: created.id });
}

export async function approved(h: FundingHarness, over: Draft = {}): Promise<AllocationView> {
  const a = await underReview(h, over);
  return h.rpc.request(approveAllocationRpc, { context: as(APPROVER), allocationId: a.id });
}
