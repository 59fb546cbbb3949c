import {
  conflict,
  expertAppointed,
  expertSuspended,
  notFound,
  platformEvents,
  validationError,
  type ExpertField,
  type ExpertStatus,
  type ExpertView,
  type RequestContext,
} from '@aiplat/contracts';
import { createEvent, isDuplicateKeyError, OutboxRelay } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Filter } from 'mongodb';
import { requirePermission } from '../access';
import { CommitteeCollections } from '../database/collections';
import { causeOf, VersionedWrites } from '../database/versioned-write';
import { expertIdOf, toExpertView, type ExpertDocument } from './expert';

export interface AppointInput {
  userId: string;
  name: string;
  affiliation: ExpertDocument['affiliation'];
  fields: ExpertField[];
  term: { from: string; to: string };
  talentId?: string;
}

/** Appointing, suspending and finding experts. */
@Injectable()
export class Experts {
  private readonly writes: VersionedWrites<ExpertDocument>;

  constructor(
    private readonly db: CommitteeCollections,
    relay: OutboxRelay,
  ) {
    this.writes = new VersionedWrites(db.experts, relay);
  }

  async list(context: RequestContext, filter: { status?: ExpertStatus; field?: ExpertField }): Promise<ExpertView[]> {
    requirePermission(context.actor, 'committee.view');
    const q: Filter<ExpertDocument> = {};
    if (filter.status) q.status = { $eq: filter.status };
    const docs = await this.all(q);
    return docs.filter((d) => !filter.field || d.fields.includes(filter.field)).map(toExpertView);
  }

  /** Every expert (a committee has tens to hundreds): the panel selection reads them all. */
  all(q: Filter<ExpertDocument> = {}): Promise<ExpertDocument[]> {
    return this.db.experts
      .find(q, { projection: { outbox: 0 } })
      .sort({ name: 1, _id: 1 })
      .toArray();
  }

  get(id: string): Promise<ExpertDocument | null> {
    return this.db.experts.findOne({ _id: id });
  }

  /** The expert record of a signed-in user, if they have one. */
  ofUser(userId: string): Promise<ExpertDocument | null> {
    return this.get(expertIdOf(userId));
  }

  async appoint(context: RequestContext, input: AppointInput, now = new Date()): Promise<ExpertView> {
    requirePermission(context.actor, 'committee.manage');
    if (input.term.to < input.term.from) {
      throw validationError('the term ends before it starts', [
        { path: 'term.to', message: 'must not be before term.from' },
      ]);
    }
    const fields = [...new Set(input.fields)];
    const doc: ExpertDocument = {
      _id: expertIdOf(input.userId),
      userId: input.userId,
      name: input.name,
      affiliation: input.affiliation,
      fields,
      term: input.term,
      status: 'active',
      appointedBy: context.actor.id,
      appointedAt: now,
      ...(input.talentId ? { talentId: input.talentId } : {}),
      version: 0,
    };
    const event = createEvent(
      platformEvents,
      'expert.appointed',
      {
        aggregateId: doc._id,
        aggregateVersion: 0,
        data: {
          expertId: doc._id,
          userId: doc.userId,
          name: doc.name,
          organisation: doc.affiliation.organisation,
          fields,
          termFrom: doc.term.from,
          termTo: doc.term.to,
          ...(doc.talentId ? { talentId: doc.talentId } : {}),
        },
        ...causeOf(context),
      },
      now,
    );
    try {
      await this.writes.insert(doc, [{ envelope: event, subject: expertAppointed.subject }], now);
    } catch (err) {
      if (isDuplicateKeyError(err))
        throw conflict('this user is already appointed as an expert', { expertId: doc._id });
      throw err;
    }
    return toExpertView(doc);
  }

  async suspend(context: RequestContext, id: string, reason: string, now = new Date()): Promise<ExpertView> {
    requirePermission(context.actor, 'committee.manage');
    const doc = await this.get(id);
    if (!doc) throw notFound(`expert ${id}`);
    if (doc.status !== 'active') throw conflict(`the expert is ${doc.status}, not active`, { status: doc.status });
    const event = createEvent(
      platformEvents,
      'expert.suspended',
      {
        aggregateId: id,
        aggregateVersion: doc.version + 1,
        data: { expertId: id, userId: doc.userId, reason },
        ...causeOf(context),
      },
      now,
    );
    const saved = await this.writes.save(
      id,
      doc.version,
      { status: 'suspended', suspension: { reason, by: context.actor.id, at: now } },
      [{ envelope: event, subject: expertSuspended.subject }],
      now,
    );
    if (!saved) throw conflict('the expert changed meanwhile; read it again');
    return toExpertView(saved);
  }
}
