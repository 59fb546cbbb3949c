import { outboxFieldsForInsert, withOutbox, type StagedEvent } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Document, Filter, UpdateFilter } from 'mongodb';
import type { AllocationStatus } from '@aiplat/contracts';
import { FundingCollections } from '../database/collections';
import type { AllocationDocument } from './allocation';

/** All access to the allocations collection. Writes that change state carry their events (outbox). */
@Injectable()
export class AllocationStore {
  constructor(private readonly db: FundingCollections) {}

  get collection() {
    return this.db.allocations;
  }

  get(id: string): Promise<AllocationDocument | null> {
    return this.db.allocations.findOne({ _id: id });
  }

  /**
   * The allocations linked to a task, through the task's link document (`task_links`, `_id` = task
   * code): lookups by `_id` only, because FerretDB scans the whole collection for any other filter
   * (a `taskCode` query took 150–500 ms at 150 allocations; this takes a few ms). On MongoDB an
   * index on `taskCode` would do as well. A link to an allocation that was never inserted (a crash
   * between the two writes) is skipped.
   */
  async findByTask(taskCode: string): Promise<AllocationDocument[]> {
    const link = await this.db.taskLinks.findOne({ _id: taskCode });
    const docs = await Promise.all((link?.allocationIds ?? []).map((id) => this.get(id)));
    return docs.filter((d): d is AllocationDocument => d !== null);
  }

  list(filter: { status?: AllocationStatus; programmeId?: string; year?: number; taskCode?: string }, limit: number) {
    const q: Filter<AllocationDocument> = {};
    if (filter.status) q.status = { $eq: filter.status };
    if (filter.programmeId) q.programmeId = { $eq: filter.programmeId };
    if (filter.year) q.year = { $eq: filter.year };
    if (filter.taskCode) q.taskCode = { $eq: filter.taskCode };
    return this.db.allocations
      .find(q, { projection: { outbox: 0, appliedChecks: 0 } })
      .sort({ createdAt: -1, _id: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Records that a check of a newer task event examined the allocation and moved nothing. Not a
   * versioned change (an officer's concurrent edit is not disturbed), but a version-ordered one.
   */
  async raiseTaskVersion(id: string, taskVersion: number): Promise<void> {
    await this.db.allocations.updateOne(
      { _id: id, $or: [{ taskVersion: { $exists: false } }, { taskVersion: { $lt: taskVersion } }] },
      { $set: { taskVersion } },
    );
  }

  /** Inserts an allocation; one linked to a task is added to the task's link document first. */
  async insert(doc: AllocationDocument, staged: readonly StagedEvent[] = []): Promise<void> {
    if (doc.taskCode) {
      await this.db.taskLinks.updateOne(
        { _id: doc.taskCode },
        { $addToSet: { allocationIds: doc._id } },
        { upsert: true },
      );
    }
    await this.db.allocations.insertOne({ ...doc, ...(staged.length ? outboxFieldsForInsert(staged) : {}) });
  }

  /**
   * Writes a change and its events in one atomic update, only if the allocation is still at
   * `expectedVersion` and matches `guard` (e.g. a funding check not applied yet); else null.
   */
  async save(
    id: string,
    expectedVersion: number,
    set: Partial<AllocationDocument> & Record<string, unknown>,
    staged: readonly StagedEvent[],
    guard: Filter<AllocationDocument> = {},
    unset: readonly string[] = [],
  ): Promise<AllocationDocument | null> {
    const update: Document = { $set: set, $inc: { version: 1 } };
    if (unset.length) update.$unset = Object.fromEntries(unset.map((path) => [path, '']));
    return this.db.allocations.findOneAndUpdate(
      { ...guard, _id: id, version: expectedVersion } as Filter<AllocationDocument>,
      withOutbox<Document>(update, staged) as UpdateFilter<AllocationDocument>,
      { returnDocument: 'after' },
    );
  }
}
