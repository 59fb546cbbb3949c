import type { ReportStatus } from '@aiplat/contracts';

export const REPORTS_COLLECTION = 'progress_reports';

export interface ReportHistoryEntry {
  at: string;
  by: string;
  /** submitted | resubmitted | returned */
  action: string;
  comment?: string;
}

/**
 * A progress report as stored. `_id` = `<task code>_<unit>_<period>`: one per task, unit and
 * period, so two submissions of the same report can never both land. `applied` is false until
 * a lead unit's report has been written onto its task (the reports sweep finishes the job if the
 * service stopped in between); a co-responsible unit's report has nothing to apply.
 */
export interface ReportDocument {
  _id: string;
  taskCode: string;
  taskTitle: string;
  planYear: number;
  leadUnitIds: string[];
  coUnitIds: string[];
  unitId: string;
  lead: boolean;
  period: string;
  narrative: string;
  progress: number;
  milestoneUpdates: { title: string; done: boolean; evidence?: string }[];
  problems?: string;
  coordinationRequests?: string;
  status: ReportStatus;
  submittedBy: string;
  submittedAt: string;
  revision: number;
  returnComment?: string;
  returnedBy?: string;
  returnedAt?: string;
  history: ReportHistoryEntry[];
  applied: boolean;
  version: number;
  outbox?: Record<string, unknown>;
  outboxPending?: boolean;
}

export function reportIdOf(taskCode: string, unitId: string, period: string): string {
  return `${taskCode}_${unitId}_${period}`;
}

/** What a task remembers of the last report it took from a unit: `<period>#<revision>`. */
export function reportMarkOf(doc: Pick<ReportDocument, 'period' | 'revision'>): string {
  return `${doc.period}#${doc.revision}`;
}
