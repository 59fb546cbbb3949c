import { platformEvents, taskOverdueFlagged } from '@aiplat/contracts';
import { createEvent, OutboxRelay, toOutboxEntries, withOutbox, MESSAGING_LOGGER } from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { PeriodicJob } from '../clock/periodic-job';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Document } from 'mongodb';
import { TASKS_ENV, type TasksEnv } from '../config/env';
import { findOverdue } from './overdue';
import { TaskQueries } from './task-queries';
import { TaskRepository } from './task.repository';

/** Statuses under supervision: assigned work someone answers for (drafts are not assigned yet). */
const SUPERVISED = ['assigned', 'in_progress', 'at_risk'];

/**
 * The supervision clock: finds tasks whose due date, or an unfinished milestone's,
 * has passed and flags each once per due date with `task.overdue_flagged` (funding
 * holds tranches, consultations opens a record). The flag and its event are one
 * version-guarded update, so copies of the service running the clock at the same
 * time flag a task once.
 */
@Injectable()
export class OverdueClock implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly tasks: TaskRepository,
    private readonly queries: TaskQueries,
    private readonly relay: OutboxRelay,
    @Inject(TASKS_ENV) private readonly env: TasksEnv,
    @Inject(MESSAGING_LOGGER) private readonly log: Logger,
  ) {
    this.job = new PeriodicJob('overdue check', this.env.OVERDUE_CHECK_INTERVAL_MS, () => this.sweep(), this.log);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** One pass over supervised tasks; returns how many were flagged now. */
  async sweep(now = new Date()): Promise<number> {
    let flagged = 0;
    for (const status of SUPERVISED) {
      for (const doc of await this.tasks.list({ status, limit: 5_000 })) {
        const full = await this.tasks.get(doc._id);
        if (!full) continue;
        const finding = findOverdue(
          { status: full.status, dueDate: full.dueDate, milestones: full.milestones ?? [] },
          now,
        );
        if (!finding) continue;
        const key = `${finding.dueDate}|${finding.milestone ?? ''}`;
        if (full.overdueFlaggedFor === key) continue;
        const requestId = `overdue-clock:${full._id}:${key}`;
        const event = createEvent(
          platformEvents,
          'task.overdue_flagged',
          {
            aggregateId: full._id,
            aggregateVersion: full.version + 1,
            data: {
              taskId: full._id,
              code: full.code,
              title: full.title,
              status: full.status,
              dueDate: finding.dueDate,
              ...(finding.milestone ? { milestone: finding.milestone } : {}),
              leadUnitIds: full.leadUnitIds,
            },
            correlationId: requestId,
            causationId: requestId,
            actor: { kind: 'system', id: 'tasks-overdue-clock' },
          },
          now,
        );
        const staged = toOutboxEntries([{ envelope: event, subject: taskOverdueFlagged.subject }], now);
        const saved = await this.tasks.collection.findOneAndUpdate(
          { _id: full._id, version: full.version } as Document,
          withOutbox<Document>({ $set: { overdueFlaggedFor: key }, $inc: { version: 1 } }, staged),
          { returnDocument: 'after' },
        );
        // Another copy flagged it, or the task changed: the next pass looks again.
        if (!saved) continue;
        flagged++;
        void this.relay.dispatch(this.tasks.collection, full._id, staged);
      }
    }
    if (flagged > 0) {
      this.queries.invalidate();
      this.log.info({ flagged }, 'tasks flagged overdue');
    }
    return flagged;
  }
}
