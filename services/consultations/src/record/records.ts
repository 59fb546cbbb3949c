import {
  conflict,
  consultationClosed,
  consultationOpened,
  DomainError,
  fieldsFromText,
  getTaskRpc,
  listAllocationsRpc,
  listExpertsRpc,
  holdsPermission,
  notFound,
  pageAfter,
  planDate,
  platformEvents,
  reachOf,
  reaches,
  type Actor,
  type ConsultationStatus,
  type ConsultationType,
  type ConsultationView,
  type RequestContext,
} from '@aiplat/contracts';
import {
  createEvent,
  MESSAGING_LOGGER,
  OutboxRelay,
  outboxFieldsForInsert,
  RpcClient,
  toOutboxEntries,
  withOutbox,
} from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { Inject, Injectable } from '@nestjs/common';
import type { Document, Filter } from 'mongodb';
import { ConsultationCollections } from '../collections';

import {
  openingOf,
  proposedParticipants,
  suggestedAgenda,
  type FundFacts,
  type RecordDocument,
  type TaskFacts,
  type Trigger,
} from './record';

/** How this service reads the task, its experts and its funds when it opens a record: as the office sees them. */
const READER: Actor = { kind: 'system', id: 'consultations', roles: ['office'] };

export function toRecordView(doc: RecordDocument): ConsultationView {
  return {
    id: doc._id,
    type: doc.type,
    status: doc.status,
    taskCode: doc.taskCode,
    taskTitle: doc.taskTitle,
    reason: doc.reason,
    leadUnitIds: doc.leadUnitIds,
    coUnitIds: doc.coUnitIds ?? [],
    trigger: doc.trigger,
    proposedParticipants: doc.proposedParticipants ?? [],
    suggestedAgenda: doc.suggestedAgenda ?? [],
    meetingIds: doc.meetingIds ?? [],
    resolutionIds: doc.resolutionIds ?? [],
    openedAt: doc.openedAt,
    ...(doc.closedAt ? { closedAt: doc.closedAt } : {}),
    ...(doc.closeReason ? { closeReason: doc.closeReason } : {}),
    version: doc.version,
  };
}

/**
 * Consultation records: opened exactly once per triggering task event (the record's `_id` is the
 * event's id, so a second delivery finds it and a racing one hits the duplicate key), listed for
 * those who may see them, closed when their resolutions are done.
 */
@Injectable()
export class Records {
  constructor(
    private readonly db: ConsultationCollections,
    private readonly relay: OutboxRelay,
    private readonly rpc: RpcClient,
    @Inject(MESSAGING_LOGGER) private readonly log: Logger,
  ) {}

  /** The consumer's handler: opens the record a task event calls for, once. */
  async open(trigger: Trigger, now = new Date()): Promise<void> {
    const opening = openingOf(trigger);
    if (!opening) return;
    if (await this.db.records.findOne({ _id: trigger.id } as Filter<RecordDocument>)) return;
    const d = trigger.data;
    const [facts, experts, funds] = await Promise.all([
      this.taskFacts(d.code, trigger.id),
      this.expertsFor(d.title, trigger.id),
      this.fundFacts(d.code, trigger.id),
    ]);
    const coUnitIds = 'coUnitIds' in d ? d.coUnitIds : [];
    const doc: RecordDocument = {
      _id: trigger.id,
      type: opening.type,
      status: 'open',
      taskCode: d.code,
      taskTitle: d.title,
      reason: opening.reason,
      leadUnitIds: [...d.leadUnitIds],
      coUnitIds: [...coUnitIds],
      trigger: { eventId: trigger.id, eventType: trigger.type, at: trigger.time },
      proposedParticipants: proposedParticipants(d.leadUnitIds, coUnitIds, experts),
      suggestedAgenda: suggestedAgenda(opening.type, opening.reason, facts, planDate(now), funds),
      meetingIds: [],
      resolutionIds: [],
      openedAt: now.toISOString(),
      version: 0,
    };
    const envelope = createEvent(
      platformEvents,
      'consultation.opened',
      {
        aggregateId: doc._id,
        aggregateVersion: 0,
        data: {
          recordId: doc._id,
          type: doc.type,
          taskCode: doc.taskCode,
          taskTitle: doc.taskTitle,
          reason: doc.reason,
          leadUnitIds: doc.leadUnitIds,
          coUnitIds: doc.coUnitIds,
          triggerEventId: trigger.id,
          triggerEventType: trigger.type,
        },
        correlationId: trigger.id,
        causationId: trigger.id,
        actor: { kind: 'system', id: 'consultations' },
      },
      now,
    );
    const staged = toOutboxEntries([{ envelope, subject: consultationOpened.subject }], now);
    try {
      await this.db.records.insertOne({ ...doc, ...outboxFieldsForInsert(staged) } as RecordDocument);
    } catch (err) {
      // The same event handled at the same moment elsewhere: that record stands.
      if ((err as { code?: number }).code === 11000) return;
      throw err;
    }
    void this.relay.dispatch(this.db.withOutbox()[0]!, doc._id, staged);
  }

  async list(
    context: RequestContext,
    filter: { status?: ConsultationStatus; type?: ConsultationType; taskCode?: string },
    limit: number,
    after?: string,
  ): Promise<{ items: ConsultationView[]; next?: string }> {
    const reach = reachOf(context.actor, ['consultations.view']);
    if (reach.kind === 'none') return { items: [] };
    const query: Record<string, unknown> = {};
    if (filter.status) query.status = { $eq: filter.status };
    if (filter.type) query.type = { $eq: filter.type };
    if (filter.taskCode) query.taskCode = { $eq: filter.taskCode };
    if (reach.kind === 'unit') {
      query.$or = [{ leadUnitIds: { $eq: reach.unitId } }, { coUnitIds: { $eq: reach.unitId } }];
    }
    const docs = (await this.db.records
      .find(query as Filter<RecordDocument>, { projection: { outbox: 0 } })
      .sort({ openedAt: -1, _id: 1 })
      .toArray()) as RecordDocument[];
    return pageAfter(docs, limit, after, toRecordView);
  }

  async get(context: RequestContext, id: string): Promise<ConsultationView> {
    return toRecordView(await this.visible(context, id));
  }

  /** The record, or 404 when it does not exist or is not the caller's to see. */
  async visible(context: RequestContext, id: string): Promise<RecordDocument> {
    const doc = (await this.db.records.findOne({ _id: id } as Filter<RecordDocument>, {
      projection: { outbox: 0 },
    })) as RecordDocument | null;
    if (!doc || !reaches(reachOf(context.actor, ['consultations.view']), doc)) {
      throw notFound(`consultation record ${id}`);
    }
    return doc;
  }

  /** The secretariat closes a record with a reason; refused while a resolution of it is open. */
  async close(context: RequestContext, id: string, reason: string, now = new Date()): Promise<ConsultationView> {
    if (!holdsPermission(context.actor, 'consultations.manage')) {
      throw new DomainError(
        'forbidden',
        'consultation records are closed by the secretariat (needs consultations.manage)',
      );
    }
    const doc = await this.visible(context, id);
    if (doc.status === 'closed') throw conflict(`consultation record ${id} is already closed`);
    const open = await this.db.resolutions.countDocuments({
      recordId: { $eq: id },
      status: { $eq: 'open' },
    } as Document);
    if (open > 0) throw conflict(`consultation record ${id} has ${open} open resolution(s); they close it when done`);
    const saved = await this.closeRecord(
      doc,
      reason,
      { correlationId: context.requestId, causationId: context.requestId, actor: context.actor },
      now,
    );
    if (!saved) throw conflict(`consultation record ${id} changed meanwhile; reload and try again`);
    return toRecordView(saved);
  }

  /** Closes a record (guarded by its version) with `consultation.closed`; null when it changed meanwhile. */
  async closeRecord(
    doc: RecordDocument,
    reason: string,
    cause: { correlationId: string; causationId: string; actor: Actor },
    now: Date,
  ): Promise<RecordDocument | null> {
    const envelope = createEvent(
      platformEvents,
      'consultation.closed',
      {
        aggregateId: doc._id,
        aggregateVersion: doc.version + 1,
        data: { recordId: doc._id, taskCode: doc.taskCode, reason },
        ...cause,
      },
      now,
    );
    const staged = toOutboxEntries([{ envelope, subject: consultationClosed.subject }], now);
    const saved = (await this.db.records.findOneAndUpdate(
      { _id: doc._id, version: doc.version } as Filter<RecordDocument>,
      withOutbox<Document>(
        { $set: { status: 'closed', closedAt: now.toISOString(), closeReason: reason }, $inc: { version: 1 } },
        staged,
      ),
      { returnDocument: 'after' },
    )) as RecordDocument | null;
    if (saved) void this.relay.dispatch(this.db.withOutbox()[0]!, doc._id, staged);
    return saved;
  }

  /** Moves records on a meeting's agenda forward (open → scheduled → discussed), remembering the meeting. */
  async advance(ids: readonly string[], meetingId: string, to: 'scheduled' | 'discussed'): Promise<void> {
    const from: ConsultationStatus[] = to === 'scheduled' ? ['open'] : ['open', 'scheduled'];
    for (const id of ids) {
      await this.db.records.updateOne({ _id: id } as Filter<RecordDocument>, { $addToSet: { meetingIds: meetingId } });
      await this.db.records.updateOne({ _id: id, status: { $in: from } } as Filter<RecordDocument>, {
        $set: { status: to },
        $inc: { version: 1 },
      });
    }
  }

  /** Serving experts of the fields the task's title names (none when the committee cannot be asked now). */
  private async expertsFor(title: string, eventId: string): Promise<{ id: string; name: string; unitId?: string }[]> {
    const fields = fieldsFromText(title).slice(0, 2);
    try {
      const lists = await Promise.all(
        fields.map((field) =>
          this.rpc.request(
            listExpertsRpc,
            { context: { actor: READER, requestId: `consultations:${eventId}` }, status: 'active', field },
            { correlationId: eventId, timeoutMs: 3_000 },
          ),
        ),
      );
      const seen = new Map<string, { id: string; name: string; unitId?: string }>();
      for (const e of lists.flatMap((l) => l.items)) {
        seen.set(e.id, { id: e.id, name: e.name, ...(e.affiliation.unitId ? { unitId: e.affiliation.unitId } : {}) });
      }
      return [...seen.values()];
    } catch (err) {
      this.log.warn({ err }, 'could not ask the committee for experts; the record proposes units only');
      return [];
    }
  }

  /** The task's allocations as funding has them (undefined when funding cannot be asked now). */
  private async fundFacts(code: string, eventId: string): Promise<FundFacts | undefined> {
    try {
      const { items } = await this.rpc.request(
        listAllocationsRpc,
        { context: { actor: READER, requestId: `consultations:${eventId}` }, taskCode: code, limit: 500 },
        { correlationId: eventId, timeoutMs: 3_000 },
      );
      const held = items.flatMap((a) => a.tranches.filter((t) => t.status === 'held'));
      return {
        allocations: items.length,
        amount: items.reduce((sum, a) => sum + a.amount, 0),
        heldTranches: held.length,
        heldAmount: held.reduce((sum, t) => sum + t.amount, 0),
      };
    } catch (err) {
      this.log.warn({ err, code }, 'could not ask funding about the task; the agenda leaves funds out');
      return undefined;
    }
  }

  /** What the tasks service says of the task; undefined (and a warning) when it cannot be asked now. */
  private async taskFacts(code: string, eventId: string): Promise<TaskFacts | undefined> {
    try {
      const t = await this.rpc.request(
        getTaskRpc,
        { context: { actor: READER, requestId: `consultations:${eventId}` }, code },
        { correlationId: eventId, timeoutMs: 3_000 },
      );
      return {
        status: t.status,
        progress: t.progress,
        ...(t.dueDate ? { dueDate: t.dueDate } : {}),
        milestones: t.milestones.map((m) => ({ title: m.title, dueDate: m.dueDate, done: m.done })),
      };
    } catch (err) {
      this.log.warn({ err, code }, 'could not read the task for the agenda; the record opens without its details');
      return undefined;
    }
  }
}
