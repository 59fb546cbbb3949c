import { randomUUID } from 'node:crypto';
import {
  conflict,
  DomainError,
  notFound,
  platformEvents,
  taskExtensionDecided,
  taskExtensionRequested,
  type ExtensionStatus,
  type ExtensionView,
  type RequestContext,
} from '@aiplat/contracts';
import { createEvent, OutboxRelay, outboxFieldsForInsert, toOutboxEntries, withOutbox } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Document } from 'mongodb';
import { TaskQueries, visibleTo } from '../task/task-queries';
import { TaskRepository } from '../task/task.repository';
import {
  checkRequestedDueDate,
  decideExtension,
  EXTENDABLE_TASK_STATUSES,
  extensionHistoryEntry,
} from './extension-rules';
import { assertManages, isLeadStaff, reachOf, reaches } from './supervision-access';
import { SupervisionStore } from './supervision-store';
import { cursorOf, listFilter, toExtensionView } from './supervision-views';
import type { ExtensionDecisionMark, ExtensionDocument, TaskWithExtension } from './supervision.schema';

/**
 * A task's slot taken for a request that was never written (its process died between the two
 * writes) is free again after this long; a younger one may belong to a request being written now.
 */
export const STALE_SLOT_MS = 60_000;

/** How often a change refused only because the task changed meanwhile (e.g. the overdue clock) is tried again. */
const ATTEMPTS = 3;

/**
 * Extension requests (延期申请). A lead unit asks for a later due date; the office approves (the
 * task's due date changes, with a history entry) or rejects. The task keeps one slot for a
 * pending request, taken and released by updates guarded by the task's version:
 *
 *  - request: take the slot on the task, then insert the request with `task.extension_requested`;
 *  - decide: one update of the task (due date, history entry, slot released, the decision noted,
 *    `task.extension_decided`), then the request's status. A decision interrupted between the two
 *    is finished by the next attempt from the note on the task.
 */
@Injectable()
export class ExtensionRequests {
  constructor(
    private readonly store: SupervisionStore,
    private readonly tasks: TaskRepository,
    private readonly queries: TaskQueries,
    private readonly relay: OutboxRelay,
  ) {}

  async request(
    context: RequestContext,
    input: { code: string; dueDate: string; reason: string },
    now = new Date(),
  ): Promise<ExtensionView> {
    const { actor } = context;
    for (let attempt = 1; ; attempt++) {
      const task = (await this.tasks.get(input.code)) as TaskWithExtension | null;
      if (!task || !visibleTo(task, actor)) throw notFound(`task ${input.code}`);
      if (!isLeadStaff(task, actor)) {
        throw new DomainError('forbidden', `only staff of a lead unit of task ${task._id} ask for its extension`);
      }
      if (!EXTENDABLE_TASK_STATUSES.includes(task.status)) {
        throw conflict(
          `task ${task._id} is ${task.status}: only ${EXTENDABLE_TASK_STATUSES.join(', ')} tasks can be extended`,
          { taskStatus: task.status },
        );
      }
      const bad = checkRequestedDueDate(task, input.dueDate, now);
      if (bad) throw bad;
      if (task.openExtension) {
        const open = await this.store.extension(task.openExtension.requestId);
        const young = now.getTime() - Date.parse(task.openExtension.at) < STALE_SLOT_MS;
        if (open?.status === 'pending' || (!open && young)) {
          throw conflict(`task ${task._id} already has an open extension request`, {
            openRequestId: task.openExtension.requestId,
          });
        }
      }

      const id = randomUUID();
      const at = now.toISOString();
      const slotted = await this.tasks.collection.updateOne({ _id: task._id, version: task.version } as Document, {
        $set: { openExtension: { requestId: id, at } },
        $inc: { version: 1 },
      });
      if (slotted.matchedCount !== 1) {
        if (attempt >= ATTEMPTS) throw this.busy(task._id);
        continue;
      }
      await this.queries.refresh(task._id);

      const doc: ExtensionDocument = {
        _id: id,
        taskCode: task._id,
        taskTitle: task.title,
        leadUnitIds: [...task.leadUnitIds],
        coUnitIds: [...task.coUnitIds],
        status: 'pending',
        reason: input.reason,
        ...(task.dueDate ? { currentDueDate: task.dueDate } : {}),
        requestedDueDate: input.dueDate,
        requestedBy: actor.id,
        unitId: actor.unitId!,
        requestedAt: at,
        version: 0,
      };
      const event = createEvent(
        platformEvents,
        'task.extension_requested',
        {
          aggregateId: task._id,
          aggregateVersion: task.version + 1,
          data: {
            requestId: id,
            taskId: task._id,
            code: task._id,
            title: task.title,
            unitId: doc.unitId,
            reason: doc.reason,
            ...(doc.currentDueDate ? { currentDueDate: doc.currentDueDate } : {}),
            requestedDueDate: doc.requestedDueDate,
            leadUnitIds: doc.leadUnitIds,
          },
          correlationId: context.requestId,
          causationId: context.requestId,
          actor,
        },
        now,
      );
      const staged = toOutboxEntries([{ envelope: event, subject: taskExtensionRequested.subject }], now);
      try {
        await this.store.extensions.insertOne({ ...doc, ...outboxFieldsForInsert(staged) } as Document);
      } catch (err) {
        // Give the slot back (best effort; otherwise it frees itself after STALE_SLOT_MS).
        await this.tasks.collection
          .updateOne({ _id: task._id, version: task.version + 1 } as Document, {
            $unset: { openExtension: '' },
            $inc: { version: 1 },
          })
          .catch(() => undefined);
        throw err;
      }
      void this.relay.dispatch(this.store.extensions, id, staged);
      return toExtensionView(doc);
    }
  }

  async decide(
    context: RequestContext,
    input: { id: string; approve: boolean; reason?: string },
    now = new Date(),
  ): Promise<ExtensionView> {
    const { actor } = context;
    assertManages(actor, 'decides extension requests');
    for (let attempt = 1; ; attempt++) {
      const request = await this.visible(context, input.id);
      const decision = decideExtension({ id: request._id, status: request.status }, input);
      if (!decision.ok) throw decision.error;
      const task = (await this.tasks.get(request.taskCode)) as TaskWithExtension | null;
      if (!task) throw notFound(`task ${request.taskCode}`);

      if (task.openExtension?.requestId !== request._id) {
        const mark = task.lastExtensionDecision;
        if (mark?.requestId === request._id) {
          // Decided on the task already, but the request was not updated (interrupted): finish it.
          const finished = await this.finish(request, mark);
          if (mark.approved !== input.approve) {
            throw conflict(`extension request ${request._id} is already ${finished.status}`, {
              currentStatus: finished.status,
              allowedNext: [],
            });
          }
          return toExtensionView(finished);
        }
        throw conflict(`extension request ${request._id} no longer holds task ${task._id}'s extension slot`, {
          currentStatus: request.status,
        });
      }
      if (input.approve && !EXTENDABLE_TASK_STATUSES.includes(task.status)) {
        throw conflict(`task ${task._id} is ${task.status}: its due date no longer changes; reject the request`, {
          taskStatus: task.status,
        });
      }

      const at = now.toISOString();
      const mark: ExtensionDecisionMark = {
        requestId: request._id,
        approved: input.approve,
        by: actor.id,
        at,
        ...(decision.reason ? { reason: decision.reason } : {}),
      };
      const dueDate = input.approve ? request.requestedDueDate : task.dueDate;
      const event = createEvent(
        platformEvents,
        'task.extension_decided',
        {
          aggregateId: task._id,
          aggregateVersion: task.version + 1,
          data: {
            requestId: request._id,
            taskId: task._id,
            code: task._id,
            title: task.title,
            approved: input.approve,
            ...(decision.reason ? { reason: decision.reason } : {}),
            ...(task.dueDate ? { previousDueDate: task.dueDate } : {}),
            requestedDueDate: request.requestedDueDate,
            ...(dueDate ? { dueDate } : {}),
            leadUnitIds: [...task.leadUnitIds],
            coUnitIds: [...task.coUnitIds],
          },
          correlationId: context.requestId,
          causationId: context.requestId,
          actor,
        },
        now,
      );
      const staged = toOutboxEntries([{ envelope: event, subject: taskExtensionDecided.subject }], now);
      const update: Document = {
        $set: { lastExtensionDecision: mark, ...(input.approve ? { dueDate: request.requestedDueDate } : {}) },
        $unset: { openExtension: '' },
        $inc: { version: 1 },
        ...(input.approve
          ? {
              $push: {
                history: extensionHistoryEntry(
                  task,
                  { id: request._id, requestedDueDate: request.requestedDueDate },
                  actor,
                  now,
                  decision.reason,
                ),
              },
            }
          : {}),
      };
      const saved = await this.tasks.collection.updateOne(
        { _id: task._id, version: task.version } as Document,
        withOutbox<Document>(update, staged),
      );
      if (saved.matchedCount !== 1) {
        if (attempt >= ATTEMPTS) throw this.busy(task._id);
        continue;
      }
      await this.queries.refresh(task._id);
      void this.relay.dispatch(this.tasks.collection, task._id, staged);
      return toExtensionView(await this.finish(request, mark));
    }
  }

  async list(
    context: RequestContext,
    filter: { status?: ExtensionStatus; taskCode?: string },
    limit: number,
    after?: string,
  ): Promise<{ items: ExtensionView[]; next?: string }> {
    const reach = reachOf(context.actor, ['supervision.view', 'tasks.report']);
    if (reach.kind === 'none') return { items: [] };
    const docs = (await this.store.extensions
      .find(listFilter('requestedAt', reach, filter, after), { projection: { outbox: 0 } })
      .sort({ requestedAt: -1, _id: 1 })
      .limit(limit + 1)
      .toArray()) as unknown as ExtensionDocument[];
    const page = docs.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toExtensionView),
      ...(docs.length > limit && last ? { next: cursorOf(last.requestedAt, last._id) } : {}),
    };
  }

  private async visible(context: RequestContext, id: string): Promise<ExtensionDocument> {
    const doc = await this.store.extension(id);
    if (!doc || !reaches(reachOf(context.actor, ['supervision.view', 'tasks.report']), doc)) {
      throw notFound(`extension request ${id}`);
    }
    return doc;
  }

  /** Writes the decision on the request (once: a second writer finds the version moved and reads the result). */
  private async finish(request: ExtensionDocument, mark: ExtensionDecisionMark): Promise<ExtensionDocument> {
    const saved = (await this.store.extensions.findOneAndUpdate(
      { _id: request._id, version: request.version } as Document,
      {
        $set: {
          status: mark.approved ? 'approved' : 'rejected',
          decidedBy: mark.by,
          decidedAt: mark.at,
          ...(mark.reason ? { decisionReason: mark.reason } : {}),
        },
        $inc: { version: 1 },
      },
      { returnDocument: 'after' },
    )) as ExtensionDocument | null;
    if (saved) return saved;
    const current = await this.store.extension(request._id);
    if (!current) throw notFound(`extension request ${request._id}`);
    return current;
  }

  private busy(code: string): DomainError {
    return conflict(`task ${code} keeps changing; reload and try again`);
  }
}
