import type { MilestoneUpdate, ReportView } from './report-types';

/** China Standard Time, UTC+8 all year: reports are due by the month as Hefei counts it. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The reporting period (`2026-11`) that `now` falls in, in China time. */
export function currentPeriod(now: Date): string {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** What the report form holds, as typed. */
export interface ReportFormState {
  readonly period: string;
  readonly narrative: string;
  /** As typed, so an empty or half-typed field can be shown as it is. */
  readonly progress: string;
  /** Milestone title → evidence typed, for each milestone marked done in this report. */
  readonly milestonesDone: Readonly<Record<string, string>>;
  readonly problems: string;
  readonly coordinationRequests: string;
}

/** The body of `POST /api/v1/tasks/{code}/reports`. */
export interface ReportRequest {
  readonly period: string;
  readonly narrative: string;
  readonly progress: number;
  readonly milestoneUpdates?: readonly MilestoneUpdate[];
  readonly problems?: string;
  readonly coordinationRequests?: string;
}

export type ReportFormField = 'period' | 'narrative' | 'progress';

/** The form as a request, or the fields to fix first. Optional texts left blank are left out, not sent empty. */
export function reportRequest(
  form: ReportFormState,
  lead: boolean,
):
  { readonly ok: true; readonly request: ReportRequest } | { readonly ok: false; readonly invalid: ReportFormField[] } {
  const invalid: ReportFormField[] = [];
  const period = form.period.trim();
  if (!PERIOD_PATTERN.test(period)) invalid.push('period');
  const narrative = form.narrative.trim();
  if (narrative === '') invalid.push('narrative');
  const progressText = form.progress.trim();
  const progress = Number(progressText);
  if (progressText === '' || !Number.isFinite(progress) || progress < 0 || progress > 100) invalid.push('progress');
  if (invalid.length > 0) return { ok: false, invalid };

  const milestoneUpdates = lead
    ? Object.entries(form.milestonesDone).map(([title, evidence]): MilestoneUpdate => {
        const trimmed = evidence.trim();
        return { title, done: true, ...(trimmed ? { evidence: trimmed } : {}) };
      })
    : [];
  const problems = form.problems.trim();
  const coordinationRequests = form.coordinationRequests.trim();
  return {
    ok: true,
    request: {
      period,
      narrative,
      progress,
      ...(milestoneUpdates.length > 0 ? { milestoneUpdates } : {}),
      ...(problems ? { problems } : {}),
      ...(coordinationRequests ? { coordinationRequests } : {}),
    },
  };
}

/** An empty form for this period, or one filled from the report the office returned so the unit can rework it. */
export function initialReportForm(period: string, returned?: ReportView): ReportFormState {
  if (!returned) {
    return { period, narrative: '', progress: '', milestonesDone: {}, problems: '', coordinationRequests: '' };
  }
  return {
    period: returned.period,
    narrative: returned.narrative,
    progress: String(returned.progress),
    milestonesDone: Object.fromEntries(
      returned.milestoneUpdates.filter((m) => m.done).map((m) => [m.title, m.evidence ?? '']),
    ),
    problems: returned.problems ?? '',
    coordinationRequests: returned.coordinationRequests ?? '',
  };
}

/** The unit's report the office returned and that is not yet submitted again, newest period first. */
export function returnedReportOf(reports: readonly ReportView[], unitId: string): ReportView | undefined {
  return reports
    .filter((report) => report.unitId === unitId && report.status === 'returned')
    .sort((a, b) => b.period.localeCompare(a.period))[0];
}

/** The server's messages about one input of a refused report (`errors[].path` → field name), for under that field. */
export function fieldMessages(errors: readonly { path: string; message: string }[], field: string): string[] {
  return errors.filter((e) => e.path === field || e.path.startsWith(`${field}.`)).map((e) => e.message);
}
