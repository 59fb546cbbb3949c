import { isDuplicateKeyError } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Filter } from 'mongodb';
import { CommitteeCollections } from '../database/collections';

/** The lead units of a task as its latest event said (no call back to the tasks service). */
export interface TaskUnitsDocument {
  _id: string;
  leadUnitIds: string[];
  /** The task's version after the change: a late redelivery never overwrites a newer one. */
  taskVersion: number;
}

@Injectable()
export class TaskUnits {
  constructor(private readonly db: CommitteeCollections) {}

  async leadUnitsOf(code: string): Promise<string[]> {
    return (await this.db.taskUnits.findOne({ _id: code }))?.leadUnitIds ?? [];
  }

  /** Keeps the newest lead units per task: an upsert guarded by the version, a lost insert race is a no-op. */
  async record(code: string, leadUnitIds: string[], taskVersion: number): Promise<void> {
    try {
      await this.db.taskUnits.updateOne(
        { _id: code, taskVersion: { $lt: taskVersion } } as Filter<TaskUnitsDocument>,
        { $set: { leadUnitIds, taskVersion } },
        { upsert: true },
      );
    } catch (err) {
      // The document exists with a newer (or the same) version: nothing to do.
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}
