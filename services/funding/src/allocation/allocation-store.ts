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
   * The allocations linked to a task. On MongoDB an index on taskCode serves this; FerretDB
   * pushes down only `_id` filters and scans the collection, which is fine at the size of a
   * city's policy-fund allocations (hundreds to a few thousand documents).
   */
  findByTask(taskCode: string): Promise<AllocationDocument[]> {
    return this.db.allocations
      .find({ taskCode: { $eq: taskCode } })
      .sort({ _id: 1 })
      .toArray();
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

  async insert(doc: AllocationDocument, staged: readonly StagedEvent[] = []): Promise<void> {
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
  ): Promise<AllocationDocument | null> {
    return this.db.allocations.findOneAndUpdate(
      { ...guard, _id: id, version: expectedVersion } as Filter<AllocationDocument>,
      withOutbox<Document>({ $set: set, $inc: { version: 1 } }, staged) as UpdateFilter<AllocationDocument>,
      { returnDocument: 'after' },
    );
  }
}
