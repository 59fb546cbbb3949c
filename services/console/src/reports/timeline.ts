import type { TaskDetail } from '../tasks/task-types';
import type { TaskRecords } from './report-api';

interface Base {
  /** An ISO timestamp. */
  readonly at: string;
  /** The user (or service) id. */
  readonly by: string;
}

/** One thing that happened to a task, from whichever record says so. */
export type TimelineEntry =
  | (Base & { readonly kind: 'status'; readonly from: string; readonly to: string; readonly text?: string })
  | (Base & { readonly kind: 'activity'; readonly activity: string; readonly text: string })
  | (Base & {
      readonly kind: 'report';
      /** `submitted`, `resubmitted` or `returned`. */
      readonly action: string;
      readonly period: string;
      readonly unitId: string;
      readonly text?: string;
    })
  | (Base & {
      readonly kind: 'notice';
      readonly event: 'sent' | 'escalated' | 'responded' | 'closed';
      readonly text?: string;
    })
  | (Base & {
      readonly kind: 'extension';
      readonly event: 'requested' | 'decided';
      readonly status: string;
      readonly dueDate: string;
      readonly text?: string;
    });

/**
 * The task's status moves, edits and progress, the units' reports (each submission and return), supervision notices
 * and extension requests as one timeline, newest first. Entries at the same moment keep the order they were given.
 */
export function mergeTimeline(task: TaskDetail, records: TaskRecords): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...task.history.map((h): TimelineEntry => ({
      kind: 'status',
      at: h.at,
      by: h.by,
      from: h.from,
      to: h.to,
      text: h.reason,
    })),
    ...(task.activity ?? []).map((a): TimelineEntry => ({
      kind: 'activity',
      at: a.at,
      by: a.by,
      activity: a.kind,
      text: a.detail,
    })),
  ];
  for (const report of records.reports) {
    const history =
      report.history.length > 0
        ? report.history
        : [{ at: report.submittedAt, by: report.submittedBy, action: 'submitted', comment: undefined }];
    for (const h of history) {
      entries.push({
        kind: 'report',
        at: h.at,
        by: h.by,
        action: h.action,
        period: report.period,
        unitId: report.unitId,
        text: h.comment,
      });
    }
  }
  for (const notice of records.notices) {
    entries.push({ kind: 'notice', event: 'sent', at: notice.sentAt, by: notice.sentBy, text: notice.reason });
    if (notice.escalatedAt) entries.push({ kind: 'notice', event: 'escalated', at: notice.escalatedAt, by: 'system' });
    if (notice.response) {
      const { at, by, text } = notice.response;
      entries.push({ kind: 'notice', event: 'responded', at, by, text });
    }
    if (notice.closedAt) {
      entries.push({
        kind: 'notice',
        event: 'closed',
        at: notice.closedAt,
        by: notice.closedBy ?? 'system',
        text: notice.closeComment,
      });
    }
  }
  for (const ext of records.extensions) {
    const { status, requestedDueDate: dueDate } = ext;
    entries.push({
      kind: 'extension',
      event: 'requested',
      at: ext.requestedAt,
      by: ext.requestedBy,
      status,
      dueDate,
      text: ext.reason,
    });
    if (ext.decidedAt) {
      entries.push({
        kind: 'extension',
        event: 'decided',
        at: ext.decidedAt,
        by: ext.decidedBy ?? 'system',
        status,
        dueDate,
        text: ext.decisionReason,
      });
    }
  }
  const time = (entry: TimelineEntry) => {
    const ms = Date.parse(entry.at);
    return Number.isNaN(ms) ? 0 : ms;
  };
  // `sort` is stable: ties keep the order above.
  return entries.sort((a, b) => time(b) - time(a));
}
