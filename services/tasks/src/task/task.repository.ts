import { withOutbox, type StagedEvent, outboxFieldsForInsert } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Document } from 'mongodb';
import type { Connection, Model } from 'mongoose';
import { TASKS_DB } from '../database/tasks-database';
import { taskSchema, type TaskDocument } from './task.schema';

export interface TaskListFilter {
  status?: string;
  year?: number;
  /** Tasks where this unit is lead or co-responsible. */
  unitId?: string;
  topLevelOnly?: boolean;
  riskLevel?: string;
  /** The policy section number (二 → 2). */
  section?: number;
  after?: string;
  limit: number;
}

/** All access to the tasks collection. Writes that change state carry their events (outbox). */
@Injectable()
export class TaskRepository {
  readonly model: Model<TaskDocument>;
  /** The driver's collection: the outbox relay publishes from it. */
  readonly collection: Collection<Document>;

  constructor(@Inject(TASKS_DB) connection: Connection) {
    this.model = connection.model('Task', taskSchema);
    this.collection = connection.collection('tasks') as unknown as Collection<Document>;
  }

  get(code: string): Promise<TaskDocument | null> {
    return this.model.findById(code).lean<TaskDocument>().exec();
  }

  async list(f: TaskListFilter): Promise<TaskDocument[]> {
    const query: Record<string, unknown> = {};
    if (f.status) query.status = { $eq: f.status };
    if (f.year) query.planYear = { $eq: f.year };
    if (f.unitId) query.$or = [{ leadUnitIds: { $eq: f.unitId } }, { coUnitIds: { $eq: f.unitId } }];
    if (f.topLevelOnly) query.parentCode = { $exists: false };
    if (f.riskLevel) query.riskLevel = { $eq: f.riskLevel };
    if (f.section) query['policySection.section'] = { $eq: f.section };
    if (f.after) query._id = { $gt: f.after };
    return this.model
      .find(query, { outbox: 0, history: 0 })
      .sort({ _id: 1 })
      .limit(f.limit)
      .lean<TaskDocument[]>()
      .exec();
  }

  /** Inserts a task unless one with its code exists; returns whether it was inserted. */
  async insertIfAbsent(doc: TaskDocument, staged: readonly StagedEvent[] = []): Promise<boolean> {
    try {
      await this.collection.insertOne({ ...doc, ...(staged.length ? outboxFieldsForInsert(staged) : {}) } as Document);
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  /**
   * Writes a transition and its events in one atomic update, only if the task is
   * still at `expectedVersion` (another change in between → null, nothing written).
   */
  async saveTransition(
    code: string,
    expectedVersion: number,
    set: Partial<TaskDocument>,
    staged: readonly StagedEvent[],
  ): Promise<TaskDocument | null> {
    const updated = await this.collection.findOneAndUpdate(
      { _id: code, version: expectedVersion } as Document,
      withOutbox<Document>({ $set: set, $inc: { version: 1 } }, staged),
      { returnDocument: 'after' },
    );
    return updated as unknown as TaskDocument | null;
  }
}
