import { v4 as uuidv4 } from 'uuid';
import { ApiError } from '../api/api-error';
import type { SessionStore } from '../auth/session-store';
import { taskApiPath } from '../tasks/task-list-query';
import type { ReportRequest } from './report-form';
import {
  isExtension,
  isMissingReports,
  isNotice,
  isPageOf,
  isReport,
  type ExtensionView,
  type MissingReports,
  type NoticeView,
  type ReportView,
} from './report-types';

/** A 2xx answer that is not what the contract says: shown like a bad gateway. */
function malformed(): ApiError {
  return new ApiError('http', '', { type: 'about:blank', title: 'Unexpected response', status: 502, errors: [] });
}

async function get<T>(store: SessionStore, path: string, check: (v: unknown) => v is T, signal?: AbortSignal) {
  const data = await store.request<unknown>(path, { signal });
  if (!check(data)) throw malformed();
  return data;
}

const byTask = (code: string) => new URLSearchParams({ taskCode: code, limit: '500' }).toString();

/** Everything said about a task besides the task itself: reports, supervision notices, extension requests. */
export interface TaskRecords {
  readonly reports: readonly ReportView[];
  readonly notices: readonly NoticeView[];
  readonly extensions: readonly ExtensionView[];
}

const NONE = { items: [] };

/**
 * The task's reports, and its supervision notices and extension requests when the user may see them (the gateway
 * refuses those lists to roles without `supervision.view`, or `tasks.report` for extensions): not asked, not shown.
 */
export async function fetchTaskRecords(
  store: SessionStore,
  code: string,
  permissions: readonly string[],
  signal?: AbortSignal,
): Promise<TaskRecords> {
  const query = byTask(code);
  const supervision = permissions.includes('supervision.view');
  const extensionsVisible = supervision || permissions.includes('tasks.report');
  const [reports, notices, extensions] = await Promise.all([
    get(store, `/api/v1/reports?${query}`, (v) => isPageOf(v, isReport), signal),
    supervision ? get(store, `/api/v1/supervision-notices?${query}`, (v) => isPageOf(v, isNotice), signal) : NONE,
    extensionsVisible
      ? get(store, `/api/v1/extension-requests?${query}`, (v) => isPageOf(v, isExtension), signal)
      : NONE,
  ]);
  return { reports: reports.items, notices: notices.items, extensions: extensions.items };
}

/** `POST /api/v1/tasks/{code}/reports`, with a fresh `Idempotency-Key` per user action. */
export async function submitReport(store: SessionStore, code: string, body: ReportRequest): Promise<ReportView> {
  const report = await store.request<unknown>(`${taskApiPath(code)}/reports`, {
    method: 'POST',
    headers: { 'Idempotency-Key': uuidv4() },
    body,
  });
  if (!isReport(report)) throw malformed();
  return report;
}

/** `POST /api/v1/reports/{id}/return`: the office sends a report back for rework. */
export async function returnReport(store: SessionStore, report: ReportView, comment: string): Promise<ReportView> {
  const returned = await store.request<unknown>(`/api/v1/reports/${encodeURIComponent(report.id)}/return`, {
    method: 'POST',
    headers: { 'Idempotency-Key': uuidv4() },
    body: { comment, expectedVersion: report.version },
  });
  if (!isReport(returned)) throw malformed();
  return returned;
}

export function fetchMissingReports(store: SessionStore, signal?: AbortSignal): Promise<MissingReports> {
  return get(store, '/api/v1/reports/missing', isMissingReports, signal);
}
