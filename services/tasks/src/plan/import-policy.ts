import { platformEvents, taskCreated, type RequestContext } from '@aiplat/contracts';
import { createEvent, OutboxRelay, toOutboxEntries } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { createHash } from 'node:crypto';
import { TASKS_DB } from '../database/tasks-database';
import { parsePolicy } from '../importer/parse-policy';
import { TaskRepository } from '../task/task.repository';
import { TaskQueries } from '../task/task-queries';
import { importChanges, type FieldChange } from './import-changes';
import { planModel, type PlanDocument } from './plan.schema';

export interface ImportResult {
  year: number;
  title: string;
  created: string[];
  unchanged: string[];
  /** Tasks whose text now says something else than the stored task: reported, not applied. */
  changed: Array<{ code: string; changes: FieldChange[] }>;
  targets: number;
  unknownUnits: Array<{ name: string; taskCode: string }>;
}

/**
 * The policy importer: a policy text in the seed's shape → the draft work plan
 * of `year` and one draft task per numbered item (sub-tasks for the ——-areas).
 * Task codes are derived from the text, so importing again creates nothing twice; a task the text
 * now describes differently (another title, other units or dates) is reported as changed and left
 * as it is — an import never overwrites what the office and the units work on.
 */
@Injectable()
export class ImportPolicy {
  private readonly plans: Model<PlanDocument>;

  constructor(
    private readonly tasks: TaskRepository,
    private readonly queries: TaskQueries,
    private readonly relay: OutboxRelay,
    @Inject(TASKS_DB) connection: Connection,
  ) {
    this.plans = planModel(connection);
  }

  async execute(context: RequestContext, year: number, text: string, now = new Date()): Promise<ImportResult> {
    const parsed = parsePolicy(text, { year });
    const sourceDigest = createHash('sha256').update(text).digest('hex');
    await this.plans
      .updateOne(
        { _id: String(year) },
        {
          $setOnInsert: {
            year,
            title: parsed.title,
            state: 'draft',
            targets: parsed.targets,
            sourceDigest,
            createdAt: now,
            createdBy: context.actor.id,
            publishedVersions: [],
            version: 0,
          },
        },
        { upsert: true },
      )
      .exec();
    const created: string[] = [];
    const unchanged: string[] = [];
    const changed: ImportResult['changed'] = [];
    for (const t of parsed.tasks) {
      const event = createEvent(
        platformEvents,
        'task.created',
        {
          aggregateId: t.code,
          aggregateVersion: 0,
          data: {
            taskId: t.code,
            code: t.code,
            title: t.title,
            leadUnitIds: t.leadUnitIds,
            coUnitIds: t.coUnitIds,
            planYear: year,
            ...(t.parentCode ? { parentCode: t.parentCode } : {}),
            ...(t.dueDate ? { dueDate: t.dueDate } : {}),
          },
          correlationId: context.requestId,
          causationId: context.requestId,
          actor: context.actor,
        },
        now,
      );
      const staged = toOutboxEntries([{ envelope: event, subject: taskCreated.subject }], now);
      const inserted = await this.tasks.insertIfAbsent({ ...t, _id: t.code, planYear: year, version: 0 }, staged);
      if (inserted) {
        void this.relay.dispatch(this.tasks.collection, t.code, staged);
        created.push(t.code);
        continue;
      }
      const stored = await this.tasks.get(t.code);
      const changes = stored ? importChanges(stored, t) : [];
      if (changes.length > 0) changed.push({ code: t.code, changes });
      else unchanged.push(t.code);
    }
    await this.queries.invalidate();
    return {
      year,
      title: parsed.title,
      created,
      unchanged,
      changed,
      targets: parsed.targets.length,
      unknownUnits: parsed.unknownUnits.map((u) => ({ name: u.name, taskCode: u.taskCode })),
    };
  }
}
