import { conflict, DomainError, notFound, planPublished, platformEvents, type RequestContext } from '@aiplat/contracts';
import { createEvent, OutboxRelay, toOutboxEntries, withOutbox } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Document } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import { TASKS_DB } from '../database/tasks-database';
import { MoveTask } from '../task/move-task';
import { TaskRepository } from '../task/task.repository';
import { planModel, type PlanDocument } from './plan.schema';

export interface PlanView {
  year: number;
  title: string;
  state: PlanDocument['state'];
  targets: PlanDocument['targets'];
  tasksByStatus: Record<string, number>;
  publishedVersions: PlanDocument['publishedVersions'];
}

/**
 * Annual work plans (年度工作要点). Publishing assigns the plan's draft tasks
 * through each task's own workflow (so each emits task.status_changed), then
 * records the published version and emits plan.published in one update.
 */
@Injectable()
export class WorkPlans {
  readonly plans: Model<PlanDocument>;
  /** The driver's collection: the relay publishes plan events from it. */
  readonly collection: Collection<Document>;

  constructor(
    @Inject(TASKS_DB) connection: Connection,
    private readonly tasks: TaskRepository,
    private readonly moveTask: MoveTask,
    private readonly relay: OutboxRelay,
  ) {
    this.plans = planModel(connection);
    this.collection = connection.collection('plans') as unknown as Collection<Document>;
  }

  async get(year: number): Promise<PlanView> {
    const plan = await this.plans.findById(String(year)).lean<PlanDocument>().exec();
    if (!plan) throw notFound(`the ${year} work plan`);
    return this.view(plan);
  }

  async publish(context: RequestContext, year: number, now = new Date()): Promise<PlanView> {
    if (!(context.actor.roles ?? []).includes('office')) {
      throw new DomainError('forbidden', 'only the leading-group office publishes work plans');
    }
    const plan = await this.plans.findById(String(year)).lean<PlanDocument>().exec();
    if (!plan) throw notFound(`the ${year} work plan`);
    if (plan.state === 'closed') throw conflict(`the ${year} work plan is closed`);
    const drafts = (await this.tasks.list({ year, status: 'draft', limit: 1_000 })).map((t) => t._id);
    for (const code of drafts) {
      try {
        await this.moveTask.execute(context, { code, move: 'assign' }, now);
      } catch (err) {
        // Assigned meanwhile by someone else: nothing to do for this one.
        if (!(err instanceof DomainError && err.code === 'conflict')) throw err;
      }
    }
    const published = (await this.tasks.list({ year, limit: 1_000 }))
      .filter((t) => t.status !== 'draft' && t.status !== 'cancelled')
      .map((t) => t._id);
    // Empty arrays may be absent in storage (an upsert's $setOnInsert drops them on FerretDB).
    const version = (plan.publishedVersions ?? []).length + 1;
    const event = createEvent(
      platformEvents,
      'plan.published',
      {
        aggregateId: `plan-${year}`,
        aggregateVersion: plan.version + 1,
        data: {
          year,
          title: plan.title,
          publishedVersion: version,
          taskCodes: published,
          targets: (plan.targets ?? []).length,
        },
        correlationId: context.requestId,
        causationId: context.requestId,
        actor: context.actor,
      },
      now,
    );
    const staged = toOutboxEntries([{ envelope: event, subject: planPublished.subject }], now);
    const saved = await this.collection.findOneAndUpdate(
      { _id: String(year), version: plan.version } as Document,
      withOutbox<Document>(
        {
          $set: { state: 'published' },
          $push: {
            publishedVersions: { version, at: now.toISOString(), by: context.actor.id, taskCodes: published },
          } as Document,
          $inc: { version: 1 },
        },
        staged,
      ),
      { returnDocument: 'after' },
    );
    if (!saved) throw conflict(`the ${year} work plan changed while it was being published; try again`);
    void this.relay.dispatch(this.collection, String(year), staged);
    return this.view(saved as unknown as PlanDocument);
  }

  private async view(plan: PlanDocument): Promise<PlanView> {
    const tasks = await this.tasks.list({ year: plan.year, limit: 1_000 });
    const tasksByStatus: Record<string, number> = {};
    for (const t of tasks) tasksByStatus[t.status] = (tasksByStatus[t.status] ?? 0) + 1;
    return {
      year: plan.year,
      title: plan.title,
      state: plan.state,
      targets: plan.targets ?? [],
      tasksByStatus,
      publishedVersions: plan.publishedVersions ?? [],
    };
  }
}
