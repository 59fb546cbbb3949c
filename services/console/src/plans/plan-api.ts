import { v4 as uuidv4 } from 'uuid';
import { ApiError } from '../api/api-error';
import type { SessionStore } from '../auth/session-store';

/** `POST /api/v1/plans/import`: what the import made of the policy text. */
export interface ImportResult {
  readonly year: number;
  readonly title: string;
  readonly created: readonly string[];
  readonly unchanged: readonly string[];
  /** Existing tasks the text describes differently: reported, not applied. */
  readonly changed: readonly ImportChange[];
  readonly targets: number;
  /** Unit names the text gives that the platform does not know, with the task that names them. */
  readonly unknownUnits: readonly { readonly name: string; readonly taskCode: string }[];
}

export type ImportedField = 'title' | 'leadUnitIds' | 'coUnitIds' | 'dueDate' | 'parentCode';

/** One task whose stored facts differ from what the imported text says. */
export interface ImportChange {
  readonly code: string;
  readonly changes: readonly {
    readonly field: ImportedField;
    readonly from?: string | readonly string[];
    readonly to?: string | readonly string[];
  }[];
}

/** `GET /api/v1/plans/{year}`. */
export interface PlanView {
  readonly year: number;
  readonly title: string;
  readonly state: 'draft' | 'published' | 'closed';
  readonly tasksByStatus: Readonly<Record<string, number>>;
  readonly publishedVersions: readonly { readonly version: number; readonly at: string; readonly by: string }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isImportResult(value: unknown): value is ImportResult {
  return (
    isRecord(value) &&
    typeof value.year === 'number' &&
    typeof value.title === 'string' &&
    Array.isArray(value.created) &&
    Array.isArray(value.unchanged) &&
    Array.isArray(value.changed) &&
    Array.isArray(value.unknownUnits)
  );
}

export function isPlanView(value: unknown): value is PlanView {
  return (
    isRecord(value) &&
    typeof value.year === 'number' &&
    typeof value.state === 'string' &&
    isRecord(value.tasksByStatus) &&
    Array.isArray(value.publishedVersions)
  );
}

function malformed(): ApiError {
  return new ApiError('http', '', { type: 'about:blank', title: 'Unexpected response', status: 502, errors: [] });
}

export async function importPlan(store: SessionStore, year: number, text: string): Promise<ImportResult> {
  const result = await store.request<unknown>('/api/v1/plans/import', {
    method: 'POST',
    headers: { 'Idempotency-Key': uuidv4() },
    body: { year, text },
  });
  if (!isImportResult(result)) throw malformed();
  return result;
}

export async function fetchPlan(store: SessionStore, year: number, signal?: AbortSignal): Promise<PlanView> {
  const plan = await store.request<unknown>(`/api/v1/plans/${year}`, { signal });
  if (!isPlanView(plan)) throw malformed();
  return plan;
}

export async function publishPlan(store: SessionStore, year: number): Promise<PlanView> {
  const plan = await store.request<unknown>(`/api/v1/plans/${year}/publish`, {
    method: 'POST',
    headers: { 'Idempotency-Key': uuidv4() },
  });
  if (!isPlanView(plan)) throw malformed();
  return plan;
}

/** A plan year as typed: a whole year the API accepts, or undefined. */
export function planYear(text: string): number | undefined {
  const year = Number(text.trim());
  return /^\d{4}$/.test(text.trim()) && year >= 2000 && year <= 2100 ? year : undefined;
}

/** The plan's task counts in workflow order, then any status the console does not know; zeros left out. */
export function planCounts(
  tasksByStatus: Readonly<Record<string, number>>,
  order: readonly string[],
): [status: string, count: number][] {
  const known = order.filter((status) => (tasksByStatus[status] ?? 0) > 0);
  const other = Object.keys(tasksByStatus).filter((s) => !order.includes(s) && (tasksByStatus[s] ?? 0) > 0);
  return [...known, ...other].map((status) => [status, tasksByStatus[status] ?? 0]);
}
