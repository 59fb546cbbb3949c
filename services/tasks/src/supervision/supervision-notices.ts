import { randomUUID } from 'node:crypto';
import {
  conflict,
  DomainError,
  notFound,
  platformEvents,
  supervisionNoticeResponded,
  supervisionNoticeSent,
  type NoticeStatus,
  type NoticeView,
  type RequestContext,
  type TaskStatus,
} from '@aiplat/contracts';
import { createEvent, OutboxRelay, outboxFieldsForInsert, toOutboxEntries, withOutbox } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Document } from 'mongodb';
import { visibleTo } from '../task/task-queries';
import { TaskRepository } from '../task/task.repository';
import { checkDeadline, decideNoticeMove, isPastDeadline } from './notice-status';
import { assertManages, isLeadStaff, reachOf, reaches } from './supervision-access';
import { SupervisionStore } from './supervision-store';
import { cursorOf, listFilter, toNoticeView } from './supervision-views';
import type { NoticeDocument, NoticeHistoryEntry } from './supervision.schema';

/** Work someone answers for: notices go to assigned tasks that are not accepted or cancelled. */
export const SUPERVISABLE_TASK_STATUSES: readonly TaskStatus[] = Object.freeze([
  'assigned',
  'in_progress',
  'at_risk',
  'completed',
]);

/** How often a change refused only because the record changed meanwhile is tried again. */
const ATTEMPTS = 3;

/**
 * Supervision notices (督办): the office sends one on a task, a lead unit responds, the office
 * closes it; the supervision clock escalates those past their deadline unanswered. Each change
 * of state and its event are one update of the notice guarded by its version.
 */
@Injectable()
export class SupervisionNotices {
  constructor(
    private readonly store: SupervisionStore,
    private readonly tasks: TaskRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async send(
    context: RequestContext,
    input: { code: string; reason: string; requiredResponse: string; deadline: string },
    now = new Date(),
  ): Promise<NoticeView> {
    const { actor } = context;
    assertManages(actor, 'sends supervision notices');
    const task = await this.tasks.get(input.code);
    if (!task || !visibleTo(task, actor)) throw notFound(`task ${input.code}`);
    if (!SUPERVISABLE_TASK_STATUSES.includes(task.status)) {
      throw conflict(
        `task ${input.code} is ${task.status}: supervision notices go to ${SUPERVISABLE_TASK_STATUSES.join(', ')} tasks`,
        { taskStatus: task.status },
      );
    }
    const bad = checkDeadline(input.deadline, now);
    if (bad) throw bad;
    const id = randomUUID();
    const doc: NoticeDocument = {
      _id: id,
      taskCode: task._id,
      taskTitle: task.title,
      leadUnitIds: [...task.leadUnitIds],
      coUnitIds: [...task.coUnitIds],
      reason: input.reason,
      requiredResponse: input.requiredResponse,
      deadline: input.deadline,
      status: 'open',
      sentBy: actor.id,
      sentAt: now.toISOString(),
      history: [],
      version: 0,
    };
    const event = createEvent(
      platformEvents,
      'supervision.notice_sent',
      {
        aggregateId: id,
        aggregateVersion: 0,
        data: {
          noticeId: id,
          taskId: task._id,
          code: task._id,
          title: task.title,
          leadUnitIds: doc.leadUnitIds,
          coUnitIds: doc.coUnitIds,
          deadline: doc.deadline,
          reason: doc.reason,
          requiredResponse: doc.requiredResponse,
        },
        correlationId: context.requestId,
        causationId: context.requestId,
        actor,
      },
      now,
    );
    const staged = toOutboxEntries([{ envelope: event, subject: supervisionNoticeSent.subject }], now);
    await this.store.notices.insertOne({ ...doc, ...outboxFieldsForInsert(staged) } as Document);
    void this.relay.dispatch(this.store.notices, id, staged);
    return toNoticeView(doc, actor, now);
  }

  async respond(
    context: RequestContext,
    input: { id: string; response: string; evidence?: string },
    now = new Date(),
  ): Promise<NoticeView> {
    const { actor } = context;
    for (let attempt = 1; ; attempt++) {
      const doc = await this.visible(context, input.id);
      if (!isLeadStaff(doc, actor)) {
        throw new DomainError(
          'forbidden',
          `only staff of a lead unit of task ${doc.taskCode} respond to its supervision notices`,
        );
      }
      const decision = decideNoticeMove({ id: doc._id, status: doc.status, deadline: doc.deadline }, 'respond', now);
      if (!decision.ok) throw decision.error;
      const at = now.toISOString();
      const late = isPastDeadline(doc.deadline, now);
      const response = {
        text: input.response,
        ...(input.evidence ? { evidence: input.evidence } : {}),
        by: actor.id,
        unitId: actor.unitId!,
        at,
        late,
      };
      const event = createEvent(
        platformEvents,
        'supervision.notice_responded',
        {
          aggregateId: doc._id,
          aggregateVersion: doc.version + 1,
          data: {
            ...this.facts(doc),
            unitId: response.unitId,
            response: response.text,
            ...(response.evidence ? { evidence: response.evidence } : {}),
            afterEscalation: doc.status === 'escalated',
            late,
          },
          correlationId: context.requestId,
          causationId: context.requestId,
          actor,
        },
        now,
      );
      const staged = toOutboxEntries([{ envelope: event, subject: supervisionNoticeResponded.subject }], now);
      const saved = await this.transition(
        doc,
        decision.to,
        { response },
        this.entry(doc.status, decision.to, actor.id, at),
        staged,
      );
      if (saved) return toNoticeView(saved, actor, now);
      if (attempt >= ATTEMPTS) throw this.busy(doc._id);
    }
  }

  async close(context: RequestContext, input: { id: string; comment?: string }, now = new Date()): Promise<NoticeView> {
    const { actor } = context;
    assertManages(actor, 'closes supervision notices');
    for (let attempt = 1; ; attempt++) {
      const doc = await this.visible(context, input.id);
      const decision = decideNoticeMove({ id: doc._id, status: doc.status, deadline: doc.deadline }, 'close', now);
      if (!decision.ok) throw decision.error;
      const at = now.toISOString();
      const saved = await this.transition(
        doc,
        decision.to,
        { closedBy: actor.id, closedAt: at, ...(input.comment ? { closeComment: input.comment } : {}) },
        this.entry(doc.status, decision.to, actor.id, at, input.comment),
        [],
      );
      if (saved) return toNoticeView(saved, actor, now);
      if (attempt >= ATTEMPTS) throw this.busy(doc._id);
    }
  }

  async get(context: RequestContext, id: string, now = new Date()): Promise<NoticeView> {
    return toNoticeView(await this.visible(context, id), context.actor, now);
  }

  async list(
    context: RequestContext,
    filter: { status?: NoticeStatus; taskCode?: string },
    limit: number,
    after?: string,
    now = new Date(),
  ): Promise<{ items: NoticeView[]; next?: string }> {
    const reach = reachOf(context.actor, ['supervision.view']);
    if (reach.kind === 'none') return { items: [] };
    const docs = (await this.store.notices
      .find(listFilter('sentAt', reach, filter, after), { projection: { outbox: 0 } })
      .sort({ sentAt: -1, _id: 1 })
      .limit(limit + 1)
      .toArray()) as unknown as NoticeDocument[];
    const page = docs.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((d) => toNoticeView(d, context.actor, now)),
      ...(docs.length > limit && last ? { next: cursorOf(last.sentAt, last._id) } : {}),
    };
  }

  /** The notice, or 404 when it does not exist or is not the caller's to see (another unit's task). */
  private async visible(context: RequestContext, id: string): Promise<NoticeDocument> {
    const doc = await this.store.notice(id);
    if (!doc || !reaches(reachOf(context.actor, ['supervision.view', 'tasks.report']), doc)) {
      throw notFound(`supervision notice ${id}`);
    }
    return doc;
  }

  private facts(doc: NoticeDocument) {
    return {
      noticeId: doc._id,
      taskId: doc.taskCode,
      code: doc.taskCode,
      title: doc.taskTitle,
      leadUnitIds: doc.leadUnitIds,
      deadline: doc.deadline,
    };
  }

  private entry(from: NoticeStatus, to: NoticeStatus, by: string, at: string, comment?: string): NoticeHistoryEntry {
    return { at, by, from, to, ...(comment ? { comment } : {}) };
  }

  /** One guarded update: the new state, its history entry and its events, or nothing when the version moved. */
  private async transition(
    doc: NoticeDocument,
    to: NoticeStatus,
    set: Partial<NoticeDocument>,
    entry: NoticeHistoryEntry,
    staged: ReturnType<typeof toOutboxEntries>,
  ): Promise<NoticeDocument | null> {
    const saved = (await this.store.notices.findOneAndUpdate(
      { _id: doc._id, version: doc.version } as Document,
      withOutbox<Document>(
        { $set: { ...set, status: to }, $push: { history: entry } as Document, $inc: { version: 1 } },
        staged,
      ),
      { returnDocument: 'after' },
    )) as NoticeDocument | null;
    if (saved && staged.length > 0) void this.relay.dispatch(this.store.notices, doc._id, staged);
    return saved;
  }

  private busy(id: string): DomainError {
    return conflict(`supervision notice ${id} keeps changing; reload and try again`);
  }
}
