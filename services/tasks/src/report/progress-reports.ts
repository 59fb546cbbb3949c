import {
  conflict,
  DomainError,
  notFound,
  platformEvents,
  taskProgressReported,
  taskReportReturned,
  type RequestContext,
  type ReportStatus,
  type ReportView,
} from '@aiplat/contracts';
import {
  createEvent,
  MESSAGING_LOGGER,
  OutboxRelay,
  outboxFieldsForInsert,
  toOutboxEntries,
  withOutbox,
} from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicJob } from '../clock/periodic-job';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { TASKS_ENV, type TasksEnv } from '../config/env';
import { TASKS_DB } from '../database/tasks-database';
import { holds, reachOf, reaches } from '../supervision/supervision-access';
import { TaskProgress, type Cause } from '../task/task-progress';
import { TaskQueries, visibleTo } from '../task/task-queries';
import { TaskRepository } from '../task/task.repository';
import { checkReportPeriod, dueByOf, latestDuePeriod, spanOf } from './report-period';
import {
  applyMilestoneUpdates,
  checkReturn,
  checkSubmission,
  REPORT_OWING_TASK_STATUSES,
  reportingUnitOf,
} from './report-rules';
import { REPORTS_COLLECTION, reportIdOf, type ReportDocument, type ReportHistoryEntry } from './report.schema';

export interface ReportInput {
  code: string;
  period: string;
  narrative: string;
  progress: number;
  milestoneUpdates?: { title: string; done: true; evidence?: string }[];
  problems?: string;
  coordinationRequests?: string;
}

/**
 * Progress reports (进展报告). A unit writes one per task and period; the office may return it for
 * rework, and the unit writes it again. The report and its event are one write of the report;
 * a lead unit's report is then written onto its task (progress, milestones, roll-up) — a second
 * single-document write that the reports sweep completes if the service stopped in between.
 */
@Injectable()
export class ProgressReports implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly collection: Collection<Document>;
  private readonly sweep: PeriodicJob;

  constructor(
    @Inject(TASKS_DB) connection: Connection,
    private readonly tasks: TaskRepository,
    private readonly progress: TaskProgress,
    private readonly queries: TaskQueries,
    private readonly relay: OutboxRelay,
    @Inject(TASKS_ENV) private readonly env: TasksEnv,
    @Inject(MESSAGING_LOGGER) private readonly log: Logger,
  ) {
    this.collection = connection.collection(REPORTS_COLLECTION) as unknown as Collection<Document>;
    this.sweep = new PeriodicJob('reports sweep', env.REPORT_SWEEP_INTERVAL_MS, () => this.applyPending(), log);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweep.stop();
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.collection.createIndex({ period: 1 }, { name: 'period' });
      await this.collection.createIndex({ applied: 1 }, { name: 'applied' });
    } catch (err) {
      this.log.warn({ err }, 'could not create the report indexes');
    }
    this.sweep.start();
  }

  async submit(context: RequestContext, input: ReportInput, now = new Date()): Promise<ReportView> {
    const { actor } = context;
    const task = await this.tasks.get(input.code);
    if (!task || !visibleTo(task, actor)) throw notFound(`task ${input.code}`);
    const who = reportingUnitOf(task, actor);
    if (who instanceof DomainError) throw who;
    const badPeriod = checkReportPeriod(input.period, this.env.REPORT_CADENCE, now);
    if (badPeriod) throw badPeriod;
    const updates = input.milestoneUpdates ?? [];
    if (!who.lead && updates.length > 0) {
      throw new DomainError('validation', 'milestones are reported done by a lead unit of the task');
    }
    // Refuse an unknown milestone before anything is written.
    const effect = applyMilestoneUpdates(task.milestones ?? [], updates, now);
    if (effect instanceof DomainError) throw effect;

    const id = reportIdOf(task._id, who.unitId, input.period);
    const existing = await this.get_(id);
    const bad = checkSubmission(task._id, task.status, existing);
    if (bad) throw bad;
    const at = now.toISOString();
    const revision = (existing?.revision ?? 0) + 1;
    const content = {
      narrative: input.narrative,
      progress: input.progress,
      milestoneUpdates: updates.map((u) => ({
        title: u.title,
        done: true,
        ...(u.evidence ? { evidence: u.evidence } : {}),
      })),
      ...(input.problems ? { problems: input.problems } : {}),
      ...(input.coordinationRequests ? { coordinationRequests: input.coordinationRequests } : {}),
      status: 'submitted' as const,
      submittedBy: actor.id,
      submittedAt: at,
      revision,
      applied: !who.lead,
    };
    const entry: ReportHistoryEntry = { at, by: actor.id, action: existing ? 'resubmitted' : 'submitted' };
    const event = createEvent(
      platformEvents,
      'task.progress_reported',
      {
        aggregateId: id,
        aggregateVersion: existing ? existing.version + 1 : 0,
        data: {
          taskId: task._id,
          code: task._id,
          title: task.title,
          leadUnitIds: task.leadUnitIds,
          reportId: id,
          unitId: who.unitId,
          period: input.period,
          progress: input.progress,
          lead: who.lead,
          resubmission: !!existing,
          coordinationRequested: !!input.coordinationRequests,
        },
        correlationId: context.requestId,
        causationId: context.requestId,
        actor,
      },
      now,
    );
    const staged = toOutboxEntries([{ envelope: event, subject: taskProgressReported.subject }], now);
    let saved: ReportDocument | null;
    if (!existing) {
      const doc: ReportDocument = {
        _id: id,
        taskCode: task._id,
        taskTitle: task.title,
        planYear: task.planYear,
        leadUnitIds: [...task.leadUnitIds],
        coUnitIds: [...task.coUnitIds],
        unitId: who.unitId,
        lead: who.lead,
        period: input.period,
        ...content,
        history: [entry],
        version: 0,
      };
      try {
        await this.collection.insertOne({ ...doc, ...outboxFieldsForInsert(staged) } as Document);
      } catch (err) {
        if ((err as { code?: number }).code === 11000) throw this.meanwhile();
        throw err;
      }
      saved = doc;
    } else {
      saved = (await this.collection.findOneAndUpdate(
        { _id: id, version: existing.version } as Document,
        withOutbox<Document>(
          {
            $set: content,
            $push: { history: entry } as Document,
            $inc: { version: 1 },
          },
          staged,
        ),
        { returnDocument: 'after' },
      )) as ReportDocument | null;
      if (!saved) throw this.meanwhile();
    }
    void this.relay.dispatch(this.collection, id, staged);
    if (who.lead) await this.apply(saved, { correlationId: context.requestId, causationId: event.id, actor }, now);
    return this.view(saved, context);
  }

  async return(
    context: RequestContext,
    input: { id: string; comment: string; expectedVersion?: number },
    now = new Date(),
  ): Promise<ReportView> {
    const { actor } = context;
    if (!holds(actor, 'tasks.manage')) {
      throw new DomainError('forbidden', 'only the leading-group office returns progress reports (needs tasks.manage)');
    }
    const doc = await this.visible(context, input.id);
    if (input.expectedVersion !== undefined && input.expectedVersion !== doc.version) {
      throw conflict(`the report changed since you loaded it (version ${doc.version}); reload and try again`, {
        currentVersion: doc.version,
      });
    }
    const bad = checkReturn(doc.status);
    if (bad) throw bad;
    const at = now.toISOString();
    const event = createEvent(
      platformEvents,
      'task.report_returned',
      {
        aggregateId: doc._id,
        aggregateVersion: doc.version + 1,
        data: {
          taskId: doc.taskCode,
          code: doc.taskCode,
          title: doc.taskTitle,
          leadUnitIds: doc.leadUnitIds,
          reportId: doc._id,
          unitId: doc.unitId,
          period: doc.period,
          comment: input.comment,
        },
        correlationId: context.requestId,
        causationId: context.requestId,
        actor,
      },
      now,
    );
    const staged = toOutboxEntries([{ envelope: event, subject: taskReportReturned.subject }], now);
    const entry: ReportHistoryEntry = { at, by: actor.id, action: 'returned', comment: input.comment };
    const saved = (await this.collection.findOneAndUpdate(
      { _id: doc._id, version: doc.version } as Document,
      withOutbox<Document>(
        {
          $set: {
            status: 'returned' satisfies ReportStatus,
            returnComment: input.comment,
            returnedBy: actor.id,
            returnedAt: at,
          },
          $push: { history: entry } as Document,
          $inc: { version: 1 },
        },
        staged,
      ),
      { returnDocument: 'after' },
    )) as ReportDocument | null;
    if (!saved) throw this.meanwhile();
    void this.relay.dispatch(this.collection, doc._id, staged);
    return this.view(saved, context);
  }

  async get(context: RequestContext, id: string): Promise<ReportView> {
    return this.view(await this.visible(context, id), context);
  }

  async list(
    context: RequestContext,
    filter: { taskCode?: string; unitId?: string; period?: string; status?: ReportStatus },
    limit: number,
    after?: string,
  ): Promise<{ items: ReportView[]; next?: string }> {
    const reach = reachOf(context.actor, ['tasks.view']);
    if (reach.kind === 'none') return { items: [] };
    const query: Record<string, unknown> = {};
    if (filter.taskCode) query.taskCode = { $eq: filter.taskCode };
    if (filter.unitId) query.unitId = { $eq: filter.unitId };
    if (filter.period) query.period = { $eq: filter.period };
    if (filter.status) query.status = { $eq: filter.status };
    if (reach.kind === 'unit')
      query.$or = [{ leadUnitIds: { $eq: reach.unitId } }, { coUnitIds: { $eq: reach.unitId } }];
    if (after) query._id = { $gt: after };
    const docs = (await this.collection
      .find(query as Document, { projection: { outbox: 0 } })
      .sort({ _id: 1 })
      .limit(limit + 1)
      .toArray()) as unknown as ReportDocument[];
    const page = docs.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((d) => this.view(d, context)),
      ...(docs.length > limit && last ? { next: last._id } : {}),
    };
  }

  /**
   * Reports due but missing: each task open during the period (assigned before it ended, not yet
   * completed) and each of its lead units without a report for the period.
   */
  async missing(
    context: RequestContext,
    input: { period?: string; unitId?: string },
    now = new Date(),
  ): Promise<{
    period: string;
    dueBy: string;
    items: { taskCode: string; taskTitle: string; unitId: string; taskStatus: string; dueDate?: string }[];
  }> {
    const period = input.period ?? latestDuePeriod(now, this.env.REPORT_CADENCE, this.env.REPORT_DUE_DAYS);
    const dueBy = dueByOf(period, this.env.REPORT_DUE_DAYS);
    const { end } = spanOf(period);
    const reported = new Set(
      (await this.collection.find({ period: { $eq: period } } as Document, { projection: { _id: 1 } }).toArray()).map(
        (d) => String(d._id),
      ),
    );
    // Scoped like every list: bureau staff see only their own unit's tasks, and owe only their own reports.
    const reach = reachOf(context.actor, ['tasks.view']);
    const onlyUnit = reach.kind === 'unit' ? reach.unitId : input.unitId;
    const owing = await this.queries.all(context, { ...(onlyUnit ? { unitId: onlyUnit } : {}) }, now);
    const items = owing
      // Work that starts after the period owes nothing for it.
      .filter((t) => REPORT_OWING_TASK_STATUSES.includes(t.status) && !(t.startDate && t.startDate > end))
      .flatMap((t) =>
        t.leadUnitIds
          .filter((lead) => (!onlyUnit || lead === onlyUnit) && !reported.has(reportIdOf(t._id, lead, period)))
          .map((lead) => ({
            taskCode: t._id,
            taskTitle: t.title,
            unitId: lead,
            taskStatus: t.status,
            ...(t.dueDate ? { dueDate: t.dueDate } : {}),
          })),
      );
    items.sort(
      (a, b) => a.taskCode.localeCompare(b.taskCode, 'en', { numeric: true }) || a.unitId.localeCompare(b.unitId),
    );
    return { period, dueBy, items };
  }

  /** Lead reports not yet written onto their task (the service stopped in between): finish them. */
  async applyPending(now = new Date()): Promise<number> {
    const pending = (await this.collection
      .find({ applied: { $eq: false } } as Document, { projection: { outbox: 0 } })
      .limit(500)
      .toArray()) as unknown as ReportDocument[];
    let done = 0;
    for (const doc of pending) {
      try {
        await this.apply(
          doc,
          {
            correlationId: `reports-sweep:${doc._id}`,
            causationId: `reports-sweep:${doc._id}`,
            actor: { kind: 'system', id: 'tasks-reports-sweep' },
          },
          now,
        );
        done++;
      } catch (err) {
        this.log.warn({ err, reportId: doc._id }, 'could not apply a progress report yet');
      }
    }
    return done;
  }

  private async apply(doc: ReportDocument, cause: Cause, now: Date): Promise<void> {
    await this.progress.applyReport(doc, cause, now);
    // Only this revision: a resubmission meanwhile is a new revision, applied on its own.
    await this.collection.updateOne({ _id: doc._id, revision: doc.revision } as Document, { $set: { applied: true } });
  }

  private async get_(id: string): Promise<ReportDocument | null> {
    return (await this.collection.findOne({ _id: id } as Document, {
      projection: { outbox: 0 },
    })) as ReportDocument | null;
  }

  /** The report, or 404 when it does not exist or is not the caller's to see. */
  private async visible(context: RequestContext, id: string): Promise<ReportDocument> {
    const doc = await this.get_(id);
    if (!doc || !reaches(reachOf(context.actor, ['tasks.view']), doc)) throw notFound(`progress report ${id}`);
    return doc;
  }

  private view(doc: ReportDocument, context: RequestContext): ReportView {
    const { actor } = context;
    const allowedActions: ReportView['allowedActions'] = [];
    if (doc.status === 'returned' && actor.unitId === doc.unitId && (actor.roles ?? []).includes('bureau')) {
      allowedActions.push('resubmit');
    }
    if (doc.status === 'submitted' && holds(actor, 'tasks.manage')) allowedActions.push('return');
    return {
      id: doc._id,
      taskCode: doc.taskCode,
      taskTitle: doc.taskTitle,
      unitId: doc.unitId,
      lead: doc.lead,
      period: doc.period,
      narrative: doc.narrative,
      progress: doc.progress,
      milestoneUpdates: doc.milestoneUpdates ?? [],
      ...(doc.problems ? { problems: doc.problems } : {}),
      ...(doc.coordinationRequests ? { coordinationRequests: doc.coordinationRequests } : {}),
      status: doc.status,
      submittedBy: doc.submittedBy,
      submittedAt: doc.submittedAt,
      revision: doc.revision,
      ...(doc.returnComment && doc.status === 'returned' ? { returnComment: doc.returnComment } : {}),
      ...(doc.returnedBy ? { returnedBy: doc.returnedBy } : {}),
      ...(doc.returnedAt ? { returnedAt: doc.returnedAt } : {}),
      history: (doc.history ?? []).map((h) => ({
        at: h.at,
        by: h.by,
        action: h.action,
        ...(h.comment ? { comment: h.comment } : {}),
      })),
      allowedActions,
      version: doc.version,
    };
  }

  private meanwhile(): DomainError {
    return conflict('the report was changed by someone else at the same moment; reload and try again');
  }
}
