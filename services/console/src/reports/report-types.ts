/** Wire types of progress reports, supervision notices and extension requests, as the console reads them. */

export const REPORT_STATUSES = ['submitted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface MilestoneUpdate {
  readonly title: string;
  readonly done: boolean;
  readonly evidence?: string;
}

export interface ReportHistoryEntry {
  readonly at: string;
  readonly by: string;
  /** `submitted`, `resubmitted` or `returned`. */
  readonly action: string;
  readonly comment?: string;
}

/** `GET /api/v1/reports`, `POST /api/v1/tasks/{code}/reports`: one unit's report on a task for one period. */
export interface ReportView {
  readonly id: string;
  readonly taskCode: string;
  readonly taskTitle: string;
  readonly unitId: string;
  /** Written by a lead unit (it set the task's progress). */
  readonly lead: boolean;
  readonly period: string;
  readonly narrative: string;
  readonly progress: number;
  readonly milestoneUpdates: readonly MilestoneUpdate[];
  readonly problems?: string;
  readonly coordinationRequests?: string;
  readonly status: ReportStatus;
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly revision: number;
  readonly returnComment?: string;
  readonly returnedBy?: string;
  readonly returnedAt?: string;
  readonly history: readonly ReportHistoryEntry[];
  /** `resubmit`, `return`: what the signed-in user may do with it. */
  readonly allowedActions: readonly string[];
  readonly version: number;
}

/** `GET /api/v1/supervision-notices` (督办), the parts the task page shows. */
export interface NoticeView {
  readonly id: string;
  readonly taskCode: string;
  readonly reason: string;
  readonly deadline: string;
  readonly status: string;
  readonly sentBy: string;
  readonly sentAt: string;
  readonly escalatedAt?: string;
  readonly response?: { readonly text: string; readonly by: string; readonly at: string; readonly late: boolean };
  readonly closedBy?: string;
  readonly closedAt?: string;
  readonly closeComment?: string;
}

/** `GET /api/v1/extension-requests`, the parts the task page shows. */
export interface ExtensionView {
  readonly id: string;
  readonly taskCode: string;
  readonly status: string;
  readonly reason: string;
  readonly currentDueDate?: string;
  readonly requestedDueDate: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly decisionReason?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: string;
}

/** `GET /api/v1/reports/missing`. */
export interface MissingReports {
  readonly period: string;
  readonly dueBy: string;
  readonly items: readonly {
    readonly taskCode: string;
    readonly taskTitle: string;
    readonly unitId: string;
    readonly taskStatus: string;
    readonly dueDate?: string;
  }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasStrings(value: unknown, keys: readonly string[]): boolean {
  return isRecord(value) && keys.every((key) => typeof value[key] === 'string');
}

export function isReport(value: unknown): value is ReportView {
  return (
    hasStrings(value, ['id', 'taskCode', 'unitId', 'period', 'narrative', 'status', 'submittedAt']) &&
    isRecord(value) &&
    typeof value.progress === 'number' &&
    Array.isArray(value.milestoneUpdates) &&
    Array.isArray(value.history) &&
    Array.isArray(value.allowedActions)
  );
}

/** A page whose items all pass `isItem`. */
export function isPageOf<T>(value: unknown, isItem: (item: unknown) => item is T): value is Page<T> {
  return isRecord(value) && Array.isArray(value.items) && value.items.every(isItem);
}

export function isNotice(value: unknown): value is NoticeView {
  return hasStrings(value, ['id', 'taskCode', 'reason', 'deadline', 'status', 'sentBy', 'sentAt']);
}

export function isExtension(value: unknown): value is ExtensionView {
  return hasStrings(value, ['id', 'taskCode', 'status', 'reason', 'requestedDueDate', 'requestedBy', 'requestedAt']);
}

export function isMissingReports(value: unknown): value is MissingReports {
  return (
    hasStrings(value, ['period', 'dueBy']) &&
    isRecord(value) &&
    Array.isArray(value.items) &&
    value.items.every((item) => hasStrings(item, ['taskCode', 'taskTitle', 'unitId', 'taskStatus']))
  );
}
