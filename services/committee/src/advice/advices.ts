import { randomUUID } from 'node:crypto';
import {
  adviceRecorded,
  conflict,
  DomainError,
  notFound,
  platformEvents,
  recommendationResponded,
  validationError,
  type AdviceView,
  type CommitteeSubject,
  type RecommendationStatus,
  type RequestContext,
} from '@aiplat/contracts';
import { createEvent, isDuplicateKeyError, OutboxRelay } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Filter } from 'mongodb';
import { requirePermission } from '../access';
import { CommitteeCollections } from '../database/collections';
import { causeOf, VersionedWrites } from '../database/versioned-write';
import { isServing } from '../expert/expert';
import { Experts } from '../expert/experts';
import { correctedRecommendations, toAdviceView, versionId, type AdviceDocument } from './advice';

export interface AdviceInput {
  subject: CommitteeSubject;
  title: string;
  text: string;
  coAuthorExpertIds?: string[];
  recommendations: string[];
}

/** Recording, correcting and responding to advice. */
@Injectable()
export class Advices {
  private readonly writes: VersionedWrites<AdviceDocument>;

  constructor(
    private readonly db: CommitteeCollections,
    private readonly experts: Experts,
    relay: OutboxRelay,
  ) {
    this.writes = new VersionedWrites(db.advice, relay);
  }

  async list(
    context: RequestContext,
    filter: { subjectKind?: CommitteeSubject['kind']; subjectRef?: string },
    limit: number,
  ): Promise<AdviceView[]> {
    requirePermission(context.actor, 'committee.view');
    const q: Filter<AdviceDocument> = {};
    if (filter.subjectKind) q['subject.kind'] = { $eq: filter.subjectKind };
    if (filter.subjectRef) q['subject.ref'] = { $eq: filter.subjectRef };
    const docs = await this.db.advice
      .find(q, { projection: { outbox: 0 } })
      .sort({ recordedAt: -1, _id: 1 })
      .limit(limit)
      .toArray();
    return Promise.all(docs.map((d) => this.view(d)));
  }

  async record(context: RequestContext, input: AdviceInput, now = new Date()): Promise<AdviceView> {
    requirePermission(context.actor, 'committee.advise');
    const author = await this.servingExpert(context.actor.id, now);
    const coAuthors = [...new Set(input.coAuthorExpertIds ?? [])].filter((id) => id !== author);
    for (const [i, id] of coAuthors.entries()) {
      const expert = await this.experts.get(id);
      if (!expert || !isServing(expert, day(now))) {
        throw validationError('a co-author is not a serving expert', [
          { path: `coAuthorExpertIds.${i}`, message: `${id} is not an active expert` },
        ]);
      }
    }
    const doc: AdviceDocument = {
      _id: `ad-${randomUUID().replace(/-/g, '')}`,
      subject: input.subject,
      title: input.title,
      text: input.text,
      expertIds: [author, ...coAuthors],
      recommendations: input.recommendations.map((text) => ({ text, status: 'pending' })),
      revision: 1,
      recordedBy: context.actor.id,
      recordedAt: now,
      version: 0,
    };
    await this.writes.insert(doc, [this.recordedEvent(doc, context, now)], now);
    return toAdviceView(doc, []);
  }

  async correct(
    context: RequestContext,
    id: string,
    expectedRevision: number,
    input: Omit<AdviceInput, 'subject' | 'coAuthorExpertIds'>,
    now = new Date(),
  ): Promise<AdviceView> {
    requirePermission(context.actor, 'committee.advise');
    const doc = await this.load(id);
    const author = await this.servingExpert(context.actor.id, now);
    if (!doc.expertIds.includes(author)) throw new DomainError('forbidden', 'only its authors may correct advice');
    if (doc.revision !== expectedRevision) {
      throw conflict(`the advice is at revision ${doc.revision}, not ${expectedRevision}`, { revision: doc.revision });
    }
    // The earlier version first, under a key of its own: a retry after a crash finds it there.
    try {
      await this.db.adviceVersions.insertOne({
        _id: versionId(id, doc.revision),
        adviceId: id,
        revision: doc.revision,
        title: doc.title,
        text: doc.text,
        recommendations: doc.recommendations.map((r) => r.text),
        by: doc.recordedBy,
        at: doc.recordedAt,
      });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    const next: AdviceDocument = {
      ...doc,
      title: input.title,
      text: input.text,
      recommendations: correctedRecommendations(doc.recommendations, input.recommendations),
      revision: doc.revision + 1,
      recordedBy: context.actor.id,
      recordedAt: now,
    };
    const saved = await this.writes.save(
      id,
      doc.version,
      {
        title: next.title,
        text: next.text,
        recommendations: next.recommendations,
        revision: next.revision,
        recordedBy: next.recordedBy,
        recordedAt: now,
      },
      [this.recordedEvent(next, context, now)],
      now,
      { revision: expectedRevision },
    );
    if (!saved) throw conflict('the advice changed meanwhile; read it again');
    return this.view(saved);
  }

  async respond(
    context: RequestContext,
    id: string,
    index: number,
    status: Exclude<RecommendationStatus, 'pending'>,
    response: string,
    now = new Date(),
  ): Promise<AdviceView> {
    requirePermission(context.actor, 'committee.manage');
    const doc = await this.load(id);
    if (index >= doc.recommendations.length) {
      throw validationError(`the advice has ${doc.recommendations.length} recommendations`, [
        { path: 'index', message: `no recommendation ${index}` },
      ]);
    }
    const recommendations = doc.recommendations.map((r, i) =>
      i === index ? { ...r, status, response, respondedBy: context.actor.id, respondedAt: now } : r,
    );
    const event = createEvent(
      platformEvents,
      'recommendation.responded',
      {
        aggregateId: id,
        aggregateVersion: doc.version + 1,
        data: { adviceId: id, index, status, response },
        ...causeOf(context),
      },
      now,
    );
    const saved = await this.writes.save(id, doc.version, { recommendations }, [
      { envelope: event, subject: recommendationResponded.subject },
    ]);
    if (!saved) throw conflict('the advice changed meanwhile; read it again');
    return this.view(saved);
  }

  private recordedEvent(doc: AdviceDocument, context: RequestContext, now: Date) {
    const envelope = createEvent(
      platformEvents,
      'advice.recorded',
      {
        aggregateId: doc._id,
        aggregateVersion: doc.version + (doc.revision > 1 ? 1 : 0),
        data: {
          adviceId: doc._id,
          revision: doc.revision,
          subject: doc.subject,
          expertIds: doc.expertIds,
          recommendations: doc.recommendations.length,
        },
        ...causeOf(context),
      },
      now,
    );
    return { envelope, subject: adviceRecorded.subject };
  }

  /** The asking user's expert id, if they are a serving expert. */
  private async servingExpert(userId: string, now: Date): Promise<string> {
    const expert = await this.experts.ofUser(userId);
    if (!expert || !isServing(expert, day(now))) {
      throw new DomainError('forbidden', 'only a serving expert of the committee may do this');
    }
    return expert._id;
  }

  private async load(id: string): Promise<AdviceDocument> {
    const doc = await this.db.advice.findOne({ _id: id });
    if (!doc) throw notFound(`advice ${id}`);
    return doc;
  }

  private async view(doc: AdviceDocument): Promise<AdviceView> {
    const ids = Array.from({ length: doc.revision - 1 }, (_, i) => versionId(doc._id, i + 1));
    const previous = ids.length ? await this.db.adviceVersions.find({ _id: { $in: ids } }).toArray() : [];
    return toAdviceView(doc, previous);
  }
}

export const day = (now: Date) => now.toISOString().slice(0, 10);
