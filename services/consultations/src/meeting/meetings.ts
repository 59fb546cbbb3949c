import { randomUUID } from 'node:crypto';
import {
  conflict,
  consultationHeld,
  consultationScheduled,
  DomainError,
  holdsPermission,
  notFound,
  pageAfter,
  platformEvents,
  reachOf,
  reaches,
  type MeetingStatus,
  type MeetingView,
  type RequestContext,
} from '@aiplat/contracts';
import { createEvent, OutboxRelay, outboxFieldsForInsert, toOutboxEntries, withOutbox } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Document, Filter } from 'mongodb';
import { ConsultationCollections } from '../collections';

import type { RecordDocument } from '../record/record';
import { Records } from '../record/records';
import { Organisations, type OrganisationKind } from '../organisation/organisations';

/** Participants that are organisations of the registry (people, units and experts are not). */
const ORGANISATION_PARTICIPANTS: readonly string[] = ['enterprise', 'university', 'institute'];
import {
  decideHold,
  decideMeetingMove,
  markAttendance,
  toMeetingView,
  type MeetingDocument,
  type Participant,
} from './meeting';

export interface MeetingInput {
  title: string;
  kind: 'regular' | 'ad_hoc';
  series?: string;
  startsAt: string;
  durationMinutes: number;
  place?: string;
  link?: string;
  participants: Participant[];
  agenda: { title: string; recordId?: string }[];
}

export function assertSecretariat(context: RequestContext, what: string): void {
  if (!holdsPermission(context.actor, 'consultations.manage')) {
    throw new DomainError('forbidden', `the consultation secretariat ${what} (needs consultations.manage)`);
  }
}

/** Consultation meetings: scheduled with an agenda of open records, held with attendance and minutes, closed. */
@Injectable()
export class Meetings {
  constructor(
    private readonly db: ConsultationCollections,
    private readonly records: Records,
    private readonly relay: OutboxRelay,
    private readonly organisations: Organisations,
  ) {}

  async schedule(context: RequestContext, input: MeetingInput, now = new Date()): Promise<MeetingView> {
    assertSecretariat(context, 'schedules meetings');
    if (!input.place && !input.link) throw new DomainError('validation', 'a meeting needs a place or a link');
    const recordIds = [...new Set(input.agenda.flatMap((a) => (a.recordId ? [a.recordId] : [])))];
    const records = (await this.db.records
      .find({ _id: { $in: recordIds } } as Filter<RecordDocument>, { projection: { outbox: 0 } })
      .toArray()) as RecordDocument[];
    const missing = recordIds.filter((id) => !records.some((r) => r._id === id));
    if (missing.length > 0) throw new DomainError('validation', `no consultation record ${missing.join(', ')}`);
    const closed = records.filter((r) => r.status === 'closed').map((r) => r._id);
    if (closed.length > 0) throw conflict(`consultation record ${closed.join(', ')} is closed`);
    // Organisations taking part join the shared registry; the meeting keeps the reference.
    const participants: Participant[] = [];
    for (const p of input.participants) {
      const organisation = ORGANISATION_PARTICIPANTS.includes(p.kind)
        ? await this.organisations.register(
            {
              kind: p.kind as OrganisationKind,
              name: p.organisation ?? p.name,
              ...(p.creditCode ? { creditCode: p.creditCode } : {}),
            },
            'meeting',
          )
        : undefined;
      participants.push({ ...p, ...(organisation ? { organisationId: organisation.id } : {}) });
    }
    const id = randomUUID();
    const unitIds = [
      ...new Set([
        ...records.flatMap((r) => [...r.leadUnitIds, ...r.coUnitIds]),
        ...input.participants.flatMap((p) => (p.unitId ? [p.unitId] : [])),
      ]),
    ];
    const doc: MeetingDocument = {
      _id: id,
      title: input.title,
      kind: input.kind,
      ...(input.series ? { series: input.series } : {}),
      startsAt: new Date(input.startsAt).toISOString(),
      durationMinutes: input.durationMinutes,
      ...(input.place ? { place: input.place } : {}),
      ...(input.link ? { link: input.link } : {}),
      status: 'scheduled',
      participants,
      agenda: input.agenda,
      unitIds,
      resolutionIds: [],
      history: [],
      createdBy: context.actor.id,
      version: 0,
    };
    const envelope = createEvent(
      platformEvents,
      'consultation.scheduled',
      {
        aggregateId: id,
        aggregateVersion: 0,
        data: { meetingId: id, title: doc.title, kind: doc.kind, startsAt: doc.startsAt, recordIds },
        correlationId: context.requestId,
        causationId: context.requestId,
        actor: context.actor,
      },
      now,
    );
    const staged = toOutboxEntries([{ envelope, subject: consultationScheduled.subject }], now);
    await this.db.meetings.insertOne({ ...doc, ...outboxFieldsForInsert(staged) } as MeetingDocument);
    void this.relay.dispatch(this.db.withOutbox()[1]!, id, staged);
    await this.records.advance(recordIds, id, 'scheduled');
    return toMeetingView(doc);
  }

  /**
   * The next meeting of a regular series: the agenda template is the series' standing items (those
   * not tied to a record); the records given are added, as on any agenda.
   */
  async scheduleNext(
    context: RequestContext,
    input: { id: string; startsAt: string; recordIds?: string[] },
    now = new Date(),
  ): Promise<MeetingView> {
    assertSecretariat(context, 'schedules meetings');
    const previous = await this.visible(context, input.id);
    if (previous.kind !== 'regular') throw conflict('only a regular meeting has a next one in its series');
    if (Date.parse(input.startsAt) <= Date.parse(previous.startsAt)) {
      throw new DomainError('validation', 'the next meeting starts after this one');
    }
    const records = (await this.db.records
      .find({ _id: { $in: input.recordIds ?? [] } } as Filter<RecordDocument>, {
        projection: { title: 1, taskTitle: 1 },
      })
      .toArray()) as RecordDocument[];
    return this.schedule(
      context,
      {
        title: previous.title,
        kind: 'regular',
        ...(previous.series ? { series: previous.series } : {}),
        startsAt: input.startsAt,
        durationMinutes: previous.durationMinutes,
        ...(previous.place ? { place: previous.place } : {}),
        ...(previous.link ? { link: previous.link } : {}),
        participants: previous.participants.map(({ present: _p, organisationId: _o, ...p }) => p),
        agenda: [
          ...previous.agenda.filter((a) => !a.recordId).map((a) => ({ title: a.title })),
          ...(input.recordIds ?? []).map((recordId) => ({
            title: records.find((r) => r._id === recordId)?.taskTitle ?? recordId,
            recordId,
          })),
        ],
      },
      now,
    );
  }

  async hold(
    context: RequestContext,
    input: { id: string; present: number[]; minutes: string },
    now = new Date(),
  ): Promise<MeetingView> {
    assertSecretariat(context, 'records meetings');
    const doc = await this.visible(context, input.id);
    const to = decideHold(doc, now);
    if (to instanceof DomainError) throw to;
    const participants = markAttendance(doc.participants, input.present);
    if (typeof participants === 'string') throw new DomainError('validation', participants);
    const recordIds = doc.agenda.flatMap((a) => (a.recordId ? [a.recordId] : []));
    const present = participants.filter((p) => p.present).length;
    const envelope = createEvent(
      platformEvents,
      'consultation.held',
      {
        aggregateId: doc._id,
        aggregateVersion: doc.version + 1,
        data: { meetingId: doc._id, title: doc.title, recordIds, present, absent: participants.length - present },
        correlationId: context.requestId,
        causationId: context.requestId,
        actor: context.actor,
      },
      now,
    );
    const saved = await this.transition(doc, to, { participants, minutes: input.minutes }, context, now, [
      { envelope, subject: consultationHeld.subject },
    ]);
    await this.records.advance(recordIds, doc._id, 'discussed');
    return toMeetingView(saved);
  }

  async advance(
    context: RequestContext,
    input: { id: string; action: 'approve_minutes' | 'close' },
    now = new Date(),
  ): Promise<MeetingView> {
    assertSecretariat(context, input.action === 'close' ? 'closes meetings' : 'approves minutes');
    const doc = await this.visible(context, input.id);
    const to = decideMeetingMove(doc.status, input.action);
    if (to instanceof DomainError) throw to;
    const set = input.action === 'approve_minutes' ? { minutesApprovedBy: context.actor.id } : {};
    return toMeetingView(await this.transition(doc, to, set, context, now, []));
  }

  async get(context: RequestContext, id: string): Promise<MeetingView> {
    return toMeetingView(await this.visible(context, id));
  }

  async list(
    context: RequestContext,
    filter: { status?: MeetingStatus; from?: string; to?: string },
    limit: number,
    after?: string,
  ): Promise<{ items: MeetingView[]; next?: string }> {
    const reach = reachOf(context.actor, ['consultations.view']);
    if (reach.kind === 'none') return { items: [] };
    const query: Record<string, unknown> = {};
    if (filter.status) query.status = { $eq: filter.status };
    if (filter.from || filter.to) {
      query.startsAt = {
        ...(filter.from ? { $gte: new Date(filter.from).toISOString() } : {}),
        ...(filter.to ? { $lt: new Date(filter.to).toISOString() } : {}),
      };
    }
    if (reach.kind === 'unit') query.unitIds = { $eq: reach.unitId };
    const docs = (await this.db.meetings
      .find(query as Filter<MeetingDocument>, { projection: { outbox: 0 } })
      .sort({ startsAt: 1, _id: 1 })
      .toArray()) as MeetingDocument[];
    return pageAfter(docs, limit, after, toMeetingView);
  }

  /** The meeting, or 404 when it does not exist or is not the caller's to see. */
  async visible(context: RequestContext, id: string): Promise<MeetingDocument> {
    const doc = (await this.db.meetings.findOne({ _id: id } as Filter<MeetingDocument>, {
      projection: { outbox: 0 },
    })) as MeetingDocument | null;
    if (!doc || !reaches(reachOf(context.actor, ['consultations.view']), { leadUnitIds: doc.unitIds, coUnitIds: [] })) {
      throw notFound(`meeting ${id}`);
    }
    return doc;
  }

  private async transition(
    doc: MeetingDocument,
    to: MeetingStatus,
    set: Partial<MeetingDocument>,
    context: RequestContext,
    now: Date,
    events: Parameters<typeof toOutboxEntries>[0],
  ): Promise<MeetingDocument> {
    const staged = toOutboxEntries(events, now);
    const entry = { at: now.toISOString(), by: context.actor.id, from: doc.status, to };
    const saved = (await this.db.meetings.findOneAndUpdate(
      { _id: doc._id, version: doc.version } as Filter<MeetingDocument>,
      withOutbox<Document>(
        { $set: { ...set, status: to }, $push: { history: entry } as Document, $inc: { version: 1 } },
        staged,
      ),
      { returnDocument: 'after' },
    )) as MeetingDocument | null;
    if (!saved) throw conflict(`meeting ${doc._id} changed meanwhile; reload and try again`);
    if (staged.length > 0) void this.relay.dispatch(this.db.withOutbox()[1]!, doc._id, staged);
    return saved;
  }
}
