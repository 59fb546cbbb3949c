import { platformEvents, taskDueSoon, taskOverdueFlagged } from '@aiplat/contracts';
import { createEvent, OutboxRelay, toOutboxEntries, withOutbox, MESSAGING_LOGGER } from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { PeriodicJob } from '../clock/periodic-job';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Document } from 'mongodb';
import { TASKS_ENV, type TasksEnv } from '../config/env';
import { findDueSoon, findOverdue, type DueSoonFinding, type OverdueFinding } from './overdue';
import type { TaskDocument } from './task.schema';
import { TaskQueries } from './task-queries';
import { TaskRepository } from './task.repository';

/** Each lapse or reminder is announced once per due date (and milestone). */
const keyOf = (f: OverdueFinding) => `${f.dueDate}|${f.milestone ?? ''}`;

/** Statuses under supervision: assigned work someone answers for (drafts are not assigned yet). */
const SUPERVISED = ['assigned', 'in_progress', 'at_risk'];

/**
 * The supervision clock: finds tasks whose due date, or an unfinished milestone's,
 * has passed and flags each once per due date with `task.overdue_flagged` (funding
 * holds tranches, consultations opens a record); and reminds, once per due date, of
 * those falling due within DUE_REMINDER_DAYS (`task.due_soon`). The flag and its event are one
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

  /** One pass over supervised tasks; returns how many were flagged overdue now. */
  async sweep(now = new Date()): Promise<number> {
    let flagged = 0;
    let reminded = 0;
    for (const status of SUPERVISED) {
      for (const listed of await this.tasks.list({ status, limit: 100_000 })) {
        let doc: TaskDocument | null = listed;
        const lapse = findOverdue({ status: doc.status, dueDate: doc.dueDate, milestones: doc.milestones ?? [] }, now);
        if (lapse && doc.overdueFlaggedFor !== keyOf(lapse)) {
          doc = await this.announce(doc, 'overdue', lapse, now);
          if (doc) flagged++;
        }
        const soon =
          doc &&
          findDueSoon(
            { status: doc.status, dueDate: doc.dueDate, milestones: doc.milestones ?? [] },
            now,
            this.env.DUE_REMINDER_DAYS,
          );
        if (doc && soon && doc.dueSoonRemindedFor !== keyOf(soon)) {
          if (await this.announce(doc, 'due_soon', soon, now)) reminded++;
        }
      }
    }
    if (flagged + reminded > 0) {
      this.log.info({ flagged, reminded }, 'supervision clock: tasks flagged overdue, reminders sent');
    }
    return flagged;
  }

  /**
   * Flags one lapse (or due date coming up) with its event, in one update guarded by the version
   * the list showed; null when the task changed meanwhile (another copy announced it, or someone
   * moved it) — the next pass looks again.
   */
  private async announce(
    doc: TaskDocument,
    what: 'overdue' | 'due_soon',
    finding: OverdueFinding | DueSoonFinding,
    now: Date,
  ): Promise<TaskDocument | null> {
    const key = keyOf(finding);
    const requestId = `${what === 'overdue' ? 'overdue-clock' : 'reminder-clock'}:${doc._id}:${key}`;
    const cause = {
      aggregateId: doc._id,
      aggregateVersion: doc.version + 1,
      correlationId: requestId,
      causationId: requestId,
      actor: { kind: 'system' as const, id: 'tasks-overdue-clock' },
    };
    const facts = {
      taskId: doc._id,
      code: doc.code,
      title: doc.title,
      status: doc.status,
      dueDate: finding.dueDate,
      ...(finding.milestone ? { milestone: finding.milestone } : {}),
      leadUnitIds: doc.leadUnitIds,
    };
    const pending =
      what === 'overdue'
        ? {
            envelope: createEvent(platformEvents, 'task.overdue_flagged', { ...cause, data: facts }, now),
            subject: taskOverdueFlagged.subject,
          }
        : {
            envelope: createEvent(
              platformEvents,
              'task.due_soon',
              {
                ...cause,
                data: { ...facts, coUnitIds: doc.coUnitIds, daysLeft: (finding as DueSoonFinding).daysLeft },
              },
              now,
            ),
            subject: taskDueSoon.subject,
          };
    const staged = toOutboxEntries([pending], now);
    const field = what === 'overdue' ? 'overdueFlaggedFor' : 'dueSoonRemindedFor';
    const saved = (await this.tasks.collection.findOneAndUpdate(
      { _id: doc._id, version: doc.version } as Document,
      withOutbox<Document>({ $set: { [field]: key }, $inc: { version: 1 } }, staged),
      { returnDocument: 'after' },
    )) as unknown as TaskDocument | null;
    if (saved) {
      this.queries.wrote(saved);
      void this.relay.dispatch(this.tasks.collection, doc._id, staged);
    }
    return saved;
  }
}
