import {
  conflict,
  DomainError,
  issuesFromZod,
  notFound,
  type RequestContext,
  type TaskDetail,
} from '@aiplat/contracts';
import { Injectable } from '@nestjs/common';
import { holds } from '../supervision/supervision-access';
import { taskSchema, type Milestone } from './task';
import { TaskProgress } from './task-progress';
import type { ActivityEntry, TaskDocument } from './task.schema';
import { TaskRepository } from './task.repository';
import { toDetail, toTask } from './task-view';

export interface TaskEdit {
  description?: string;
  startDate?: string;
  dueDate?: string;
  weight?: number;
  riskLevel?: TaskDocument['riskLevel'];
  contacts?: TaskDocument['contacts'];
  milestones?: { title: string; dueDate: string }[];
}

/** Statuses whose details are settled: an accepted or cancelled task is a record, not work. */
const FROZEN = ['accepted', 'cancelled'];

/**
 * A new milestone list from the office: milestones keep their done state and evidence when their
 * title stays; a done milestone cannot be dropped (what was achieved stays on the record).
 */
export function mergeMilestones(
  current: readonly Milestone[],
  next: readonly { title: string; dueDate: string }[],
): Milestone[] | DomainError {
  const titles = next.map((m) => m.title);
  const twice = titles.filter((t, i) => titles.indexOf(t) !== i);
  if (twice.length > 0) return new DomainError('validation', `milestone “${twice[0]}” is listed twice`);
  const dropped = current.filter((m) => m.done && !titles.includes(m.title)).map((m) => m.title);
  if (dropped.length > 0) {
    return new DomainError(
      'validation',
      `done milestones stay on the record: ${dropped.map((t) => `“${t}”`).join(', ')}`,
    );
  }
  const byTitle = new Map(current.map((m) => [m.title, m]));
  return next.map((m) => {
    const was = byTitle.get(m.title);
    return was ? { ...was, dueDate: m.dueDate } : { title: m.title, dueDate: m.dueDate, done: false };
  });
}

/** The office edits a task's details; the change, its activity entry and `task.updated` are one guarded write. */
@Injectable()
export class EditTask {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly progress: TaskProgress,
  ) {}

  async execute(
    context: RequestContext,
    input: { code: string; changes: TaskEdit; expectedVersion?: number },
    now = new Date(),
  ): Promise<TaskDetail> {
    const { actor } = context;
    if (!holds(actor, 'tasks.manage')) {
      throw new DomainError('forbidden', 'only the leading-group office edits key tasks (needs tasks.manage)');
    }
    const doc = await this.tasks.get(input.code);
    if (!doc) throw notFound(`task ${input.code}`);
    if (input.expectedVersion !== undefined && input.expectedVersion !== doc.version) {
      throw conflict(`task ${input.code} changed since you loaded it (version ${doc.version}); reload and try again`, {
        currentVersion: doc.version,
      });
    }
    if (FROZEN.includes(doc.status)) throw conflict(`task ${input.code} is ${doc.status}; its details are settled`);
    const { milestones: nextMilestones, ...fields } = input.changes;
    const set: Partial<TaskDocument> = { ...fields };
    if (nextMilestones) {
      const merged = mergeMilestones(doc.milestones ?? [], nextMilestones);
      if (merged instanceof DomainError) throw merged;
      set.milestones = merged;
    }
    const changed = Object.keys(set).filter(
      (k) => JSON.stringify(set[k as keyof TaskDocument]) !== JSON.stringify(doc[k as keyof TaskDocument]),
    );
    if (changed.length === 0) return toDetail(doc, actor, now);
    // The edited task must still be a valid task (dates in order, contacts on its units …).
    const checked = taskSchema.safeParse(toTask({ ...doc, ...set }));
    if (!checked.success)
      throw new DomainError('validation', 'the edit would make the task invalid', issuesFromZod(checked.error));
    const entry: ActivityEntry = { at: now.toISOString(), by: actor.id, kind: 'edited', detail: changed.join(', ') };
    const next = { ...doc, ...set };
    const saved = await this.progress.save(
      doc,
      { ...set, activity: [...(doc.activity ?? []), entry] },
      [
        this.progress.updatedEvent(
          next,
          changed,
          doc.progress,
          {
            correlationId: context.requestId,
            causationId: context.requestId,
            actor,
          },
          now,
        ),
      ],
      now,
    );
    if (!saved)
      throw conflict(`task ${input.code} was changed by someone else at the same moment; reload and try again`);
    // A new weight changes the parent's roll-up.
    if (saved.parentCode && changed.includes('weight')) {
      await this.progress.rollUpQuietly(
        saved.parentCode,
        { correlationId: context.requestId, causationId: context.requestId, actor },
        now,
      );
    }
    return toDetail(saved, actor, now);
  }
}
