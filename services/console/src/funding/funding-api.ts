import { getChecked, isItemsOf, postChecked, queryOf, type Items } from '../api/checked-request';
import type { SessionStore } from '../auth/session-store';
import { taskApiPath } from '../tasks/task-list-query';
import {
  isAllocation,
  isBudget,
  isFundingCheck,
  isLedgerEntry,
  isProgramme,
  type AllocationView,
  type BudgetView,
  type FundingCheckView,
  type LedgerEntryView,
  type LedgerKind,
  type ProgrammeView,
} from './funding-types';

const allocationPath = (id: string) => `/api/v1/funding/allocations/${encodeURIComponent(id)}`;

export async function fetchProgrammes(store: SessionStore, signal?: AbortSignal): Promise<readonly ProgrammeView[]> {
  return (await getChecked(store, '/api/v1/funding/programmes', (v) => isItemsOf(v, isProgramme), signal)).items;
}

/** `GET /api/v1/funding/budgets`: budget, committed, disbursed and available per programme and year. */
export async function fetchBudgets(
  store: SessionStore,
  year: number | undefined,
  signal?: AbortSignal,
): Promise<readonly BudgetView[]> {
  const path = `/api/v1/funding/budgets${queryOf({ year })}`;
  return (await getChecked(store, path, (v) => isItemsOf(v, isBudget), signal)).items;
}

/** The signed-in officer's approval queue: under review, neither created nor submitted by them (four eyes). */
export async function fetchApprovalQueue(store: SessionStore, signal?: AbortSignal) {
  return (await getChecked(store, '/api/v1/funding/approval-queue', (v) => isItemsOf(v, isAllocation), signal)).items;
}

export async function fetchAllocationsOfTask(
  store: SessionStore,
  taskCode: string,
  signal?: AbortSignal,
): Promise<readonly AllocationView[]> {
  const path = `/api/v1/funding/allocations${queryOf({ taskCode, limit: 500 })}`;
  return (await getChecked(store, path, (v) => isItemsOf(v, isAllocation), signal)).items;
}

export function fetchAllocation(store: SessionStore, id: string, signal?: AbortSignal): Promise<AllocationView> {
  return getChecked(store, allocationPath(id), isAllocation, signal);
}

export async function fetchFundingChecks(
  store: SessionStore,
  taskCode: string,
  signal?: AbortSignal,
): Promise<readonly FundingCheckView[]> {
  const path = `${taskApiPath(taskCode)}/funding-checks${queryOf({ limit: 100 })}`;
  return (await getChecked(store, path, (v) => isItemsOf(v, isFundingCheck), signal)).items;
}

export interface LedgerFilter {
  readonly programmeId?: string;
  readonly year?: number;
  readonly allocationId?: string;
  readonly kind?: LedgerKind;
}

export function fetchLedger(
  store: SessionStore,
  filter: LedgerFilter,
  signal?: AbortSignal,
): Promise<Items<LedgerEntryView>> {
  const path = `/api/v1/funding/ledger${queryOf({ ...filter, limit: 1000 })}`;
  return getChecked(store, path, (v) => isItemsOf(v, isLedgerEntry), signal);
}

export const TRANCHE_ACTIONS = ['make_payable', 'disburse'] as const;
export type TrancheAction = (typeof TRANCHE_ACTIONS)[number];

/** `make_payable`: a milestone tranche's milestone was reached; `disburse`: a payable tranche was paid out. */
export function actOnTranche(
  store: SessionStore,
  id: string,
  tranche: number,
  action: TrancheAction,
): Promise<AllocationView> {
  return postChecked(store, `${allocationPath(id)}/tranches/${tranche}/actions`, { action }, isAllocation);
}

/** The actions an officer takes on an allocation, each its own endpoint. */
export const ALLOCATION_ACTIONS = ['submit', 'review-request', 'approve', 'reject'] as const;
export type AllocationAction = (typeof ALLOCATION_ACTIONS)[number];

export function actOnAllocation(
  store: SessionStore,
  id: string,
  action: AllocationAction,
  reason?: string,
): Promise<AllocationView> {
  const body = action === 'reject' ? { reason } : action === 'approve' ? {} : undefined;
  return postChecked(store, `${allocationPath(id)}/${action}`, body, isAllocation);
}
