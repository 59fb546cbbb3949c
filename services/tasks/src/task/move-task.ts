import {
  conflict,
  notFound,
  platformEvents,
  taskStatusChanged,
  type RequestContext,
  type TaskDetail,
} from '@aiplat/contracts';
import { createEvent, OutboxRelay, toOutboxEntries } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import { TaskProgress } from './task-progress';
import { TaskRepository } from './task.repository';
import { toDetail, toTask } from './task-view';
import { TaskQueries, visibleTo } from './task-queries';
import { decideTransition, type TaskMove } from './task-status';

/**
 * Moves a task in its workflow. The task decides (decideTransition); the new
 * state, its history entry and `task.status_changed` are written in one atomic
 * update guarded by the version, then handed to the relay.
 */
@Injectable()
export class MoveTask {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly relay: OutboxRelay,
    private readonly queries: TaskQueries,
    private readonly progress: TaskProgress,
  ) {}

  async execute(
    context: RequestContext,
    input: { code: string; move: TaskMove; reason?: string; expectedVersion?: number },
    now = new Date(),
  ): Promise<TaskDetail> {
    const doc = await this.tasks.get(input.code);
    if (!doc || !visibleTo(doc, context.actor)) throw notFound(`task ${input.code}`);
    if (input.expectedVersion !== undefined && input.expectedVersion !== doc.version) {
      throw conflict(`task ${input.code} changed since you loaded it (version ${doc.version}); reload and try again`, {
        currentVersion: doc.version,
      });
    }
    const decision = decideTransition(
      toTask(doc),
      { move: input.move, ...(input.reason ? { reason: input.reason } : {}) },
      context.actor,
      now,
    );
    if (!decision.ok) throw decision.error;
    const events = decision.events.map((e) =>
      createEvent(
        platformEvents,
        'task.status_changed',
        {
          aggregateId: doc._id,
          aggregateVersion: doc.version + 1,
          data: e.data,
          correlationId: context.requestId,
          causationId: context.requestId,
          actor: context.actor,
        },
        now,
      ),
    );
    const staged = toOutboxEntries(
      events.map((envelope) => ({ envelope, subject: taskStatusChanged.subject })),
      now,
    );
    const saved = await this.tasks.saveTransition(
      doc._id,
      doc.version,
      { status: decision.to, history: [...(doc.history ?? []), decision.entry] },
      staged,
    );
    if (!saved)
      throw conflict(`task ${input.code} was changed by someone else at the same moment; reload and try again`);
    this.queries.wrote(saved);
    void this.relay.dispatch(this.tasks.collection, doc._id, staged);
    // A cancelled sub-task no longer counts in its parent's progress.
    if (saved.parentCode && decision.to === 'cancelled') {
      await this.progress.rollUpQuietly(
        saved.parentCode,
        { correlationId: context.requestId, causationId: events[0]?.id ?? context.requestId, actor: context.actor },
        now,
      );
    }
    return toDetail(saved, context.actor, now);
  }
}
