import { getTaskRpc, type Actor } from '@aiplat/contracts';
import { isDuplicateKeyError, RpcClient } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Filter } from 'mongodb';
import { CommitteeCollections } from '../database/collections';

/** The responsible units of a task as its latest event said. */
export interface TaskUnitsDocument {
  _id: string;
  leadUnitIds: string[];
  /** Absent on records kept before co-responsible units were. */
  coUnitIds?: string[];
  /** The task's version after the change: a late redelivery never overwrites a newer one. */
  taskVersion: number;
}

/** How the committee reads a task it has heard nothing of yet. */
const READER: Actor = { kind: 'system', id: 'committee', roles: ['office'] };

@Injectable()
export class TaskUnits {
  constructor(
    private readonly db: CommitteeCollections,
    private readonly rpc: RpcClient,
  ) {}

  /**
   * The lead and co-responsible units of a task: from its events, or — for a task that has not
   * moved since the committee started listening — from the tasks service. A review's panel never
   * holds an expert of these units.
   */
  async responsibleUnitsOf(code: string, requestId: string): Promise<string[]> {
    const known = await this.db.taskUnits.findOne({ _id: code });
    if (known?.coUnitIds) return [...known.leadUnitIds, ...known.coUnitIds];
    const task = await this.rpc.request(
      getTaskRpc,
      { context: { actor: READER, requestId }, code },
      { correlationId: requestId, timeoutMs: 3_000 },
    );
    return [...task.leadUnitIds, ...task.coUnitIds];
  }

  /** Keeps the newest units per task: an upsert guarded by the version, a lost insert race is a no-op. */
  async record(code: string, leadUnitIds: string[], coUnitIds: string[], taskVersion: number): Promise<void> {
    try {
      await this.db.taskUnits.updateOne(
        { _id: code, taskVersion: { $lt: taskVersion } } as Filter<TaskUnitsDocument>,
        { $set: { leadUnitIds, coUnitIds, taskVersion } },
        { upsert: true },
      );
    } catch (err) {
      // The document exists with a newer (or the same) version: nothing to do.
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}
