import { isDuplicateKeyError } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { TaskStatus } from '@aiplat/contracts';
import { FundingCollections } from '../database/collections';

/** The last status of a key task this service heard from task events (no call back to tasks). */
export interface TaskStatusDocument {
  _id: string;
  status: TaskStatus;
  /** The task's version after the change; older events (redelivered late) do not overwrite newer ones. */
  taskVersion: number;
  eventId: string;
  at: Date;
}

@Injectable()
export class TaskProjection {
  constructor(private readonly db: FundingCollections) {}

  async statusOf(code: string): Promise<TaskStatus | undefined> {
    return (await this.db.taskStatus.findOne({ _id: code }))?.status;
  }

  /**
   * Records a task's status unless a newer one is already known; false when it is (the event is
   * stale: a later change of the task was applied before it arrived).
   */
  async record(code: string, status: TaskStatus, taskVersion: number, eventId: string, at: Date): Promise<boolean> {
    const doc = { status, taskVersion, eventId, at };
    const res = await this.db.taskStatus.updateOne({ _id: code, taskVersion: { $lte: taskVersion } }, { $set: doc });
    if (res.matchedCount === 1) return true;
    try {
      await this.db.taskStatus.insertOne({ _id: code, ...doc });
      return true;
    } catch (err) {
      // It exists with a newer version.
      if (!isDuplicateKeyError(err)) throw err;
      return false;
    }
  }
}
