import type { LedgerRow, RequestContext } from '@aiplat/contracts';
import { Injectable } from '@nestjs/common';
import type { Document } from 'mongodb';
import { isOverdue } from '../task/overdue';
import { TaskQueries } from '../task/task-queries';
import { ProgressReports } from './progress-reports';
import type { ReportDocument } from './report.schema';

const compareCodes = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * The responsibility list (责任清单) and progress ledger (进展台账) of a year: one row per task the
 * asking user may see, with its units, contacts, dates, progress and latest report. The gateway
 * turns it into CSV and Excel.
 */
@Injectable()
export class TaskLedger {
  constructor(
    private readonly queries: TaskQueries,
    private readonly reports: ProgressReports,
  ) {}

  async rows(
    context: RequestContext,
    input: { year: number; unitId?: string },
    now = new Date(),
  ): Promise<LedgerRow[]> {
    const tasks = await this.queries.all(context, {
      year: input.year,
      ...(input.unitId ? { unitId: input.unitId } : {}),
    });
    const latest = new Map<string, ReportDocument>();
    const docs = (await this.reports.collection
      .find({ planYear: { $eq: input.year } } as Document, { projection: { outbox: 0, history: 0 } })
      .toArray()) as unknown as ReportDocument[];
    for (const r of docs) {
      const seen = latest.get(r.taskCode);
      // The latest period; within one, the lead unit's report, then the latest submitted.
      if (
        !seen ||
        r.period > seen.period ||
        (r.period === seen.period &&
          (Number(r.lead) - Number(seen.lead) || r.submittedAt.localeCompare(seen.submittedAt)) > 0)
      ) {
        latest.set(r.taskCode, r);
      }
    }
    return tasks
      .sort((a, b) => compareCodes(a._id, b._id))
      .map((t) => {
        const r = latest.get(t._id);
        const milestones = t.milestones ?? [];
        return {
          code: t._id,
          title: t.title,
          ...(t.parentCode ? { parentCode: t.parentCode } : {}),
          ...(t.policySection ? { section: t.policySection.sectionTitle } : {}),
          leadUnitIds: t.leadUnitIds,
          coUnitIds: t.coUnitIds,
          contacts: (t.contacts ?? []).map((c) => ({
            unitId: c.unitId,
            name: c.name,
            ...(c.phone ? { phone: c.phone } : {}),
          })),
          status: t.status,
          ...(t.startDate ? { startDate: t.startDate } : {}),
          ...(t.dueDate ? { dueDate: t.dueDate } : {}),
          progress: t.progress,
          riskLevel: t.riskLevel,
          overdue: isOverdue({ status: t.status, dueDate: t.dueDate, milestones }, now),
          milestonesDone: milestones.filter((m) => m.done).length,
          milestonesTotal: milestones.length,
          targets: (t.targets ?? []).map((g) => `${g.label} ${g.comparator} ${g.value} ${g.unit} (${g.year})`),
          ...(r
            ? {
                lastReportPeriod: r.period,
                lastReportAt: r.submittedAt,
                lastReportUnitId: r.unitId,
                lastReportNarrative: r.narrative,
                ...(r.problems ? { openProblems: r.problems } : {}),
              }
            : {}),
        };
      });
  }
}
