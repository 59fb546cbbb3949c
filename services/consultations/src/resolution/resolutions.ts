import { randomUUID } from 'node:crypto';
import {
  conflict,
  createFollowUpTaskRpc,
  DomainError,
  holdsPermission,
  notFound,
  pageAfter,
  planDate,
  platformEvents,
  reachOf,
  reaches,
  resolutionAdopted,
  resolutionDone,
  type RequestContext,
  type ResolutionStatus,
  type ResolutionView,
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
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Document, Filter } from 'mongodb';
import { ConsultationCollections } from '../collections';

import { canAdoptResolutions } from '../meeting/meeting';
import { assertSecretariat, Meetings } from '../meeting/meetings';
import type { RecordDocument } from '../record/record';
import { Records } from '../record/records';
import { toResolutionView, type ResolutionDocument } from './resolution';

/** How often follow-up tasks the tasks service did not confirm are asked for again. */
export const FOLLOW_UP_RETRY_MS = 30_000;

export interface ResolutionInput {
  meetingId: string;
  recordId?: string;
  text: string;
  ownerUnitId: string;
  deadline: string;
  followUpTask?: { title: string };
}

/**
 * Resolutions of consultation meetings: adopted with an owner and a deadline (optionally creating a
 * follow-up key task through the tasks service, keyed by the resolution, so never twice), tracked
 * until done; a record closes when all its resolutions are done.
 */
@Injectable()
export class Resolutions implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: ConsultationCollections,
    private readonly meetings: Meetings,
    private readonly records: Records,
    private readonly relay: OutboxRelay,
    private readonly rpc: RpcClient,
    @Inject(MESSAGING_LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.retryFollowUps().catch(() => undefined), FOLLOW_UP_RETRY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async adopt(context: RequestContext, input: ResolutionInput, now = new Date()): Promise<ResolutionView> {
    assertSecretariat(context, 'records resolutions');
    const meeting = await this.meetings.visible(context, input.meetingId);
    if (!canAdoptResolutions(meeting.status)) {
      throw conflict(`resolutions are recorded for a held meeting; this one is ${meeting.status}`);
    }
    if (input.deadline < planDate(now)) throw new DomainError('validation', 'the deadline has passed already');
    let record: RecordDocument | undefined;
    if (input.recordId) {
      if (!meeting.agenda.some((a) => a.recordId === input.recordId)) {
        throw new DomainError('validation', `consultation record ${input.recordId} is not on this meeting's agenda`);
      }
      record = await this.records.visible(context, input.recordId);
      if (record.status === 'closed') throw conflict(`consultation record ${record._id} is closed`);
    }
    const id = randomUUID();
    const doc: ResolutionDocument = {
      _id: id,
      meetingId: meeting._id,
      ...(record ? { recordId: record._id, taskCode: record.taskCode } : {}),
      text: input.text,
      ownerUnitId: input.ownerUnitId,
      deadline: input.deadline,
      status: 'open',
      leadUnitIds: [input.ownerUnitId, ...(record?.leadUnitIds.filter((u) => u !== input.ownerUnitId) ?? [])],
      coUnitIds: record?.coUnitIds ?? [],
      ...(input.followUpTask
        ? { followUp: { title: input.followUpTask.title, state: 'requested' as const, requestedBy: context.actor } }
        : {}),
      adoptedAt: now.toISOString(),
      adoptedBy: context.actor.id,
      version: 0,
    };
    const envelope = createEvent(
      platformEvents,
      'resolution.adopted',
      {
        aggregateId: id,
        aggregateVersion: 0,
        data: {
          resolutionId: id,
          meetingId: meeting._id,
          ...(record ? { recordId: record._id, taskCode: record.taskCode } : {}),
          text: doc.text,
          ownerUnitId: doc.ownerUnitId,
          deadline: doc.deadline,
        },
        correlationId: context.requestId,
        causationId: context.requestId,
        actor: context.actor,
      },
      now,
    );
    const staged = toOutboxEntries([{ envelope, subject: resolutionAdopted.subject }], now);
    await this.db.resolutions.insertOne({ ...doc, ...outboxFieldsForInsert(staged) } as ResolutionDocument);
    if (record) {
      // Bump the record so that a close racing this adoption fails its version guard; if the record
      // was closed in between, the resolution is withdrawn before its event is published.
      const listed = await this.db.records.updateOne(
        { _id: record._id, status: { $ne: 'closed' } } as Filter<RecordDocument>,
        { $addToSet: { resolutionIds: id }, $inc: { version: 1 } },
      );
      if (listed.matchedCount !== 1) {
        await this.db.resolutions.deleteOne({ _id: id } as Filter<ResolutionDocument>);
        throw conflict(`consultation record ${record._id} was closed meanwhile`);
      }
    }
    void this.relay.dispatch(this.db.withOutbox()[2]!, id, staged);
    await this.db.meetings.updateOne({ _id: meeting._id } as Document, { $addToSet: { resolutionIds: id } });
    const settled = doc.followUp ? await this.requestFollowUp(doc, context.requestId) : doc;
    return toResolutionView(settled, planDate(now));
  }

  /** Done: by the secretariat, or by staff of the owner unit. Closes the record when it was its last open resolution. */
  async complete(
    context: RequestContext,
    input: { id: string; note: string },
    now = new Date(),
  ): Promise<ResolutionView> {
    const doc = await this.visible(context, input.id);
    const { actor } = context;
    const owner = (actor.roles ?? []).includes('bureau') && actor.unitId === doc.ownerUnitId;
    if (!holdsPermission(actor, 'consultations.manage') && !owner) {
      throw new DomainError('forbidden', 'a resolution is marked done by the secretariat or by its owner unit');
    }
    if (doc.status === 'done') throw conflict('the resolution is done already');
    const envelope = createEvent(
      platformEvents,
      'resolution.done',
      {
        aggregateId: doc._id,
        aggregateVersion: doc.version + 1,
        data: {
          resolutionId: doc._id,
          meetingId: doc.meetingId,
          ...(doc.recordId ? { recordId: doc.recordId } : {}),
          ...(doc.followUp?.taskCode ? { followUpTaskCode: doc.followUp.taskCode } : {}),
          note: input.note,
        },
        correlationId: context.requestId,
        causationId: context.requestId,
        actor,
      },
      now,
    );
    const staged = toOutboxEntries([{ envelope, subject: resolutionDone.subject }], now);
    const saved = (await this.db.resolutions.findOneAndUpdate(
      { _id: doc._id, version: doc.version } as Filter<ResolutionDocument>,
      withOutbox<Document>(
        {
          $set: { status: 'done', doneNote: input.note, doneAt: now.toISOString(), doneBy: actor.id },
          $inc: { version: 1 },
        },
        staged,
      ),
      { returnDocument: 'after' },
    )) as ResolutionDocument | null;
    if (!saved) throw conflict('the resolution changed meanwhile; reload and try again');
    void this.relay.dispatch(this.db.withOutbox()[2]!, doc._id, staged);
    if (doc.recordId) await this.closeRecordIfSettled(doc.recordId, context, envelope.id, now);
    return toResolutionView(saved, planDate(now));
  }

  async list(
    context: RequestContext,
    filter: { status?: ResolutionStatus; meetingId?: string; recordId?: string; ownerUnitId?: string },
    limit: number,
    after?: string,
    now = new Date(),
  ): Promise<{ items: ResolutionView[]; next?: string }> {
    const reach = reachOf(context.actor, ['consultations.view']);
    if (reach.kind === 'none') return { items: [] };
    const query: Record<string, unknown> = {};
    if (filter.status) query.status = { $eq: filter.status };
    if (filter.meetingId) query.meetingId = { $eq: filter.meetingId };
    if (filter.recordId) query.recordId = { $eq: filter.recordId };
    if (filter.ownerUnitId) query.ownerUnitId = { $eq: filter.ownerUnitId };
    if (reach.kind === 'unit') {
      query.$or = [{ leadUnitIds: { $eq: reach.unitId } }, { coUnitIds: { $eq: reach.unitId } }];
    }
    const docs = (await this.db.resolutions
      .find(query as Filter<ResolutionDocument>, { projection: { outbox: 0 } })
      .sort({ deadline: 1, _id: 1 })
      .toArray()) as ResolutionDocument[];
    const today = planDate(now);
    return pageAfter(docs, limit, after, (d) => toResolutionView(d, today));
  }

  /** Follow-up tasks asked for but not confirmed (the tasks service was away): ask again, with the same key. */
  async retryFollowUps(): Promise<number> {
    const pending = (await this.db.resolutions
      .find({ 'followUp.state': { $eq: 'requested' } } as Filter<ResolutionDocument>, { projection: { outbox: 0 } })
      .toArray()) as ResolutionDocument[];
    let created = 0;
    for (const doc of pending) {
      const saved = await this.requestFollowUp(doc, `follow-up-retry:${doc._id}`);
      if (saved.followUp?.state === 'created') created++;
    }
    return created;
  }

  /** Asks the tasks service for the resolution's follow-up task (idempotent by the resolution's id). */
  private async requestFollowUp(doc: ResolutionDocument, requestId: string): Promise<ResolutionDocument> {
    const followUp = doc.followUp;
    if (!followUp || followUp.state === 'created') return doc;
    try {
      const task = await this.rpc.request(
        createFollowUpTaskRpc,
        {
          context: { actor: followUp.requestedBy, requestId },
          sourceKey: `resolution:${doc._id}`,
          title: followUp.title,
          description: `会商决议：${doc.text}${doc.taskCode ? `（关联任务 ${doc.taskCode}）` : ''}`,
          leadUnitIds: [doc.ownerUnitId],
          dueDate: doc.deadline,
          year: Number(doc.adoptedAt.slice(0, 4)),
        },
        { correlationId: requestId, timeoutMs: 10_000 },
      );
      const saved = (await this.db.resolutions.findOneAndUpdate(
        { _id: doc._id } as Filter<ResolutionDocument>,
        { $set: { 'followUp.state': 'created', 'followUp.taskCode': task.code } },
        { returnDocument: 'after' },
      )) as ResolutionDocument | null;
      return saved ?? doc;
    } catch (err) {
      if (err instanceof DomainError && ['validation', 'forbidden', 'not_found', 'unprocessable'].includes(err.code)) {
        // The tasks service refused it for good: record why instead of asking forever.
        const failed = (await this.db.resolutions.findOneAndUpdate(
          { _id: doc._id, 'followUp.state': 'requested' } as Filter<ResolutionDocument>,
          { $set: { 'followUp.state': 'failed', 'followUp.reason': err.message } },
          { returnDocument: 'after' },
        )) as ResolutionDocument | null;
        return failed ?? doc;
      }
      this.log.warn({ err, resolutionId: doc._id }, 'follow-up task not created yet; will ask again');
      return doc;
    }
  }

  private async closeRecordIfSettled(
    recordId: string,
    context: RequestContext,
    causationId: string,
    now: Date,
  ): Promise<void> {
    const open = await this.db.resolutions.countDocuments({
      recordId: { $eq: recordId },
      status: { $eq: 'open' },
    } as Document);
    if (open > 0) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const record = (await this.db.records.findOne({
        _id: recordId,
      } as Filter<RecordDocument>)) as RecordDocument | null;
      if (!record || record.status === 'closed') return;
      const closed = await this.records.closeRecord(
        record,
        '决议均已落实',
        { correlationId: context.requestId, causationId, actor: context.actor },
        now,
      );
      if (closed) return;
    }
  }

  private async visible(context: RequestContext, id: string): Promise<ResolutionDocument> {
    const doc = (await this.db.resolutions.findOne({ _id: id } as Filter<ResolutionDocument>, {
      projection: { outbox: 0 },
    })) as ResolutionDocument | null;
    if (!doc || !reaches(reachOf(context.actor, ['consultations.view']), doc)) throw notFound(`resolution ${id}`);
    return doc;
  }
}
