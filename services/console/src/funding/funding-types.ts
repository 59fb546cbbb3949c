import { hasShape, isRecord } from '../api/checked-request';

/** Wire types of the funding API (`/api/v1/funding/**`), the parts the console reads. Amounts are integer fen. */

export const ALLOCATION_STATUSES = [
  'draft',
  'submitted',
  'eligibility_checked',
  'under_review',
  'approved',
  'rejected',
  'closed',
] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

export const TRANCHE_STATUSES = ['scheduled', 'payable', 'held', 'disbursed', 'cancelled'] as const;
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];

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
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface ProgrammeView {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string;
  readonly ceiling: number;
  readonly requiresActiveTask: boolean;
}

export interface BudgetView {
  readonly programmeId: string;
  readonly year: number;
  readonly budget: number;
  readonly committed: number;
  readonly disbursed: number;
  readonly released: number;
  readonly available: number;
  readonly version: number;
}

export interface TrancheView {
  readonly index: number;
  readonly title: string;
  readonly amount: number;
  readonly trigger: 'milestone' | 'acceptance';
  readonly milestone?: string;
  readonly status: TrancheStatus;
  readonly holdCause?: string;
  readonly awaitingAcceptance?: boolean;
}

export interface AllocationView {
  readonly id: string;
  readonly programmeId: string;
  readonly year: number;
  readonly applicant: { readonly name: string; readonly creditCode: string; readonly unit: string };
  readonly taskCode?: string;
  readonly talentId?: string;
  readonly amount: number;
  readonly purpose: string;
  readonly status: AllocationStatus;
  readonly tranches: readonly TrancheView[];
  readonly eligibility?: {
    readonly eligible: boolean;
    readonly reasons: readonly { readonly rule: string; readonly passed: boolean; readonly reason: string }[];
    readonly at: string;
  };
  readonly review?: {
    readonly conclusion: 'recommend' | 'not_recommend';
    readonly summary: string;
    readonly by: string;
    readonly at: string;
  };
  readonly createdBy: string;
  readonly submittedBy?: string;
  readonly approvedBy?: string;
  readonly override?: { readonly reason: string; readonly by: string };
  readonly rejection?: { readonly reason: string; readonly by: string };
  readonly history: readonly {
    readonly at: string;
    readonly by: string;
    readonly action: string;
    readonly note?: string;
  }[];
  readonly version: number;
}

export interface TrancheDecision {
  readonly tranche: number;
  readonly from: TrancheStatus;
  readonly to: TrancheStatus;
  readonly decision: string;
  readonly why: string;
}

export interface FundingCheckView {
  readonly id: string;
  readonly taskCode: string;
  readonly causeEventType: string;
  readonly from?: string;
  readonly to: string;
  readonly at: string;
  /** A later change of the task had been checked first: this one changed nothing. */
  readonly stale?: boolean;
  readonly allocations: readonly {
    readonly allocationId: string;
    readonly status: AllocationStatus;
    readonly tranches: readonly TrancheDecision[];
  }[];
}

export interface LedgerEntryView {
  readonly id: string;
  readonly kind: LedgerKind;
  readonly programmeId: string;
  readonly year: number;
  readonly allocationId?: string;
  readonly tranche?: number;
  readonly amount: number;
  readonly actor: string;
  readonly override?: boolean;
  readonly reason?: string;
  readonly at: string;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function isProgramme(value: unknown): value is ProgrammeView {
  return hasShape(value, ['id', 'name', 'nameEn']) && isRecord(value) && isNumber(value.ceiling);
}

export function isBudget(value: unknown): value is BudgetView {
  return (
    hasShape(value, ['programmeId']) &&
    isRecord(value) &&
    ['year', 'budget', 'committed', 'disbursed', 'available'].every((key) => isNumber(value[key]))
  );
}

export function isAllocation(value: unknown): value is AllocationView {
  return (
    hasShape(value, ['id', 'programmeId', 'purpose', 'status', 'createdBy'], ['tranches', 'history']) &&
    isRecord(value) &&
    isNumber(value.amount) &&
    hasShape(value.applicant, ['name', 'creditCode', 'unit'])
  );
}

export function isFundingCheck(value: unknown): value is FundingCheckView {
  return hasShape(value, ['id', 'taskCode', 'to', 'at'], ['allocations']);
}

export function isLedgerEntry(value: unknown): value is LedgerEntryView {
  return hasShape(value, ['id', 'kind', 'programmeId', 'actor', 'at']) && isRecord(value) && isNumber(value.amount);
}
