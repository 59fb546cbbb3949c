import {
  conflict,
  platformEvents,
  taskMilestoneCompleted,
  taskUpdated,
  type Actor,
  type Envelope,
  type PlatformEvents,
} from '@aiplat/contracts';
import { createEvent, OutboxRelay, toOutboxEntries } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import { applyMilestoneUpdates } from '../report/report-rules';
import { reportMarkOf, type ReportDocument } from '../report/report.schema';
import { rollUpProgress } from './task';
import { TaskQueries } from './task-queries';
import { TaskRepository } from './task.repository';
import type { ActivityEntry, TaskDocument } from './task.schema';

/** An event to stage with a task's change. */
export interface PendingEvent {
  readonly envelope: Envelope;
  readonly subject: string;
}

/** Who and what caused a change: carried onto every event it emits. */
export interface Cause {
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
}

const ATTEMPTS = 3;

/**
 * How a report's mark (`<period>#<revision>`) stands to the last one a task took from the same unit:
 * 0 the same report, > 0 newer (a later period, or a later revision of the same), < 0 older.
 */
export function compareMarks(mark: string, stored: string | undefined): number {
  if (!stored) return 1;
  const [period, revision] = mark.split('#') as [string, string];
  const [storedPeriod, storedRevision] = stored.split('#') as [string, string];
  if (period !== storedPeriod) return period < storedPeriod ? -1 : 1;
  return Number(revision) - Number(storedRevision);
}

/** Progress is shown to one decimal; roll-ups smaller than that are not news. */
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Progress of key tasks: a lead unit's report sets its task's progress and milestones, and a
 * parent's progress is the weighted roll-up of its sub-tasks, persisted on the parent (so lists,
 * exports and the board read it without recomputing). Each write is one version-guarded update of
 * one task with its events (`task.updated`, `task.milestone_completed`).
 */
@Injectable()
export class TaskProgress {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly relay: OutboxRelay,
    private readonly queries: TaskQueries,
  ) {}

  /**
   * Writes a lead unit's report onto its task, once: the task remembers the last report it took
   * from each unit (`reportMarks`), so applying the same report again changes nothing.
   * A task with sub-tasks keeps its rolled-up progress; the report's figure stays on the report.
   */
  async applyReport(report: ReportDocument, cause: Cause, now = new Date()): Promise<void> {
    const mark = reportMarkOf(report);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const task = await this.tasks.get(report.taskCode);
      if (!task) return;
      const standing = compareMarks(mark, task.reportMarks?.[report.unitId]);
      if (standing === 0) {
        // Applied already (a crash may have come before the roll-up): recomputing is harmless.
        if (task.parentCode) await this.rollUp(task.parentCode, cause, now);
        return;
      }
      // A report for an earlier period than the last one taken (filled in late) adds its milestones
      // but never sets progress back.
      const late = standing < 0;
      const milestones = task.milestones ?? [];
      const known = new Set(milestones.map((m) => m.title));
      // Validated at submission; a milestone the office renamed since is left as it is.
      const effect = applyMilestoneUpdates(
        milestones,
        report.milestoneUpdates.filter((u) => u.done && known.has(u.title)),
        now,
      );
      if (!('milestones' in effect)) throw effect;
      const progress = task.children.length > 0 || late ? task.progress : report.progress;
      if (late && effect.newlyDone.length === 0) return;
      const changed = [
        ...(progress !== task.progress ? ['progress'] : []),
        ...(effect.newlyDone.length > 0 ? ['milestones'] : []),
      ];
      const at = now.toISOString();
      const activity: ActivityEntry[] = [
        ...(late
          ? []
          : [
              {
                at,
                by: cause.actor.id,
                kind: 'progress_reported',
                detail: `${report.unitId} ${report.period}: ${report.progress}%`,
              },
            ]),
        ...effect.newlyDone.map((m) => ({ at, by: cause.actor.id, kind: 'milestone_completed', detail: m.title })),
      ];
      const events = [
        ...(changed.length > 0 ? [this.updatedEvent(task, changed, progress, cause, now)] : []),
        ...effect.newlyDone.map((m) =>
          this.event(
            task,
            'task.milestone_completed',
            taskMilestoneCompleted.subject,
            {
              ...this.facts(task),
              milestone: m.title,
              milestoneDueDate: m.dueDate,
              ...(m.evidence ? { evidence: m.evidence } : {}),
              late: m.late,
            },
            cause,
            now,
          ),
        ),
      ];
      const saved = await this.save(
        task,
        {
          progress,
          milestones: effect.milestones,
          ...(late ? {} : { reportMarks: { ...(task.reportMarks ?? {}), [report.unitId]: mark } }),
          activity: [...(task.activity ?? []), ...activity],
        },
        events,
        now,
      );
      if (!saved) continue;
      if (task.parentCode && changed.includes('progress')) await this.rollUp(task.parentCode, cause, now);
      return;
    }
    throw conflict(`task ${report.taskCode} keeps changing; the report is kept and will be applied shortly`);
  }

  /** Recomputes a parent's progress from its sub-tasks, then its own parent's, and so on up. */
  async rollUp(code: string, cause: Cause, now = new Date()): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const parent = await this.tasks.get(code);
      if (!parent || parent.children.length === 0) return;
      const children = (await Promise.all(parent.children.map((c) => this.tasks.get(c)))).filter(
        (c): c is TaskDocument => c !== null,
      );
      const progress = round(
        rollUpProgress(
          { code: parent._id, children: parent.children, progress: parent.progress },
          children.map((c) => ({ code: c._id, weight: c.weight, progress: c.progress, status: c.status })),
        ),
      );
      if (progress === parent.progress) return;
      const entry: ActivityEntry = {
        at: now.toISOString(),
        by: cause.actor.id,
        kind: 'progress_rolled_up',
        detail: `${parent.progress}% → ${progress}%`,
      };
      const saved = await this.save(
        parent,
        { progress, activity: [...(parent.activity ?? []), entry] },
        [this.updatedEvent(parent, ['progress'], progress, cause, now)],
        now,
      );
      if (!saved) continue;
      if (parent.parentCode) await this.rollUp(parent.parentCode, cause, now);
      return;
    }
    throw conflict(`task ${code} keeps changing; its progress will be rolled up on the next change`);
  }

  /**
   * A roll-up after a change that is already committed (a cancelled or re-weighted sub-task): its
   * failure must not fail that change; the parent is recomputed again on the next child change.
   */
  async rollUpQuietly(code: string, cause: Cause, now = new Date()): Promise<void> {
    await this.rollUp(code, cause, now).catch(() => undefined);
  }

  /** One guarded write of a task with its events; null when the task changed meanwhile. */
  async save(
    task: TaskDocument,
    set: Partial<TaskDocument>,
    events: readonly PendingEvent[],
    now: Date,
  ): Promise<TaskDocument | null> {
    // One call, so the task's events keep their order in the outbox.
    const staged = toOutboxEntries(events, now);
    const saved = await this.tasks.saveTransition(task._id, task.version, set, staged);
    if (!saved) return null;
    this.queries.wrote(saved);
    if (staged.length > 0) void this.relay.dispatch(this.tasks.collection, task._id, staged);
    return saved;
  }

  updatedEvent(task: TaskDocument, changed: string[], progress: number, cause: Cause, now: Date): PendingEvent {
    return this.event(
      task,
      'task.updated',
      taskUpdated.subject,
      {
        ...this.facts(task),
        changed,
        progress,
        riskLevel: task.riskLevel,
        ...(task.dueDate ? { dueDate: task.dueDate } : {}),
      },
      cause,
      now,
    );
  }

  private facts(task: TaskDocument) {
    return { taskId: task._id, code: task._id, title: task.title, leadUnitIds: task.leadUnitIds };
  }

  private event<T extends 'task.updated' | 'task.milestone_completed'>(
    task: TaskDocument,
    type: T,
    subject: string,
    data: Parameters<typeof createEvent<PlatformEvents, T>>[2]['data'],
    cause: Cause,
    now: Date,
  ): PendingEvent {
    const envelope = createEvent(
      platformEvents,
      type,
      { aggregateId: task._id, aggregateVersion: task.version + 1, data, ...cause },
      now,
    );
    return { envelope, subject };
  }
}
