import { randomUUID } from 'node:crypto';
import {
  conflict,
  DomainError,
  notFound,
  validationError,
  type Actor,
  type ReviewConclusion,
  type ReviewView,
  type RequestContext,
} from '@aiplat/contracts';
import { isDuplicateKeyError, OutboxRelay, type EventCause } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { Filter } from 'mongodb';
import { isManager, requirePermission } from '../access';
import { day } from '../advice/advices';
import { COMMITTEE_ENV, type CommitteeEnv } from '../config/env';
import { CommitteeCollections } from '../database/collections';
import { causeOf, VersionedWrites, type Staged } from '../database/versioned-write';
import { expertIdOf, isServing } from '../expert/expert';
import { Experts } from '../expert/experts';
import { selectPanel, type Candidate } from './panel';
import { SubjectConflicts } from './subject-conflicts';
import { activeMembers, chairOf, membersOf, type PanelMember, type ReviewDocument } from './review';
import { reviewEvent } from './review-events';
import { toReviewView } from './review-view';
import { conclusionIssues, panelScore, scoreIssues, weightedScore } from './scoring';

/** What opens a review: an event (its id gives the review's) or the office. */
export type OpenReview = Pick<
  ReviewDocument,
  | '_id'
  | 'type'
  | 'title'
  | 'subject'
  | 'allocationId'
  | 'taskCode'
  | 'material'
  | 'fields'
  | 'conflicts'
  | 'causeEventId'
> & { dueDate?: string; createdBy: string };

const DAY_MS = 86_400_000;

function newMember(e: Candidate, role: PanelMember['role'], order: number, now: Date, replaces?: string): PanelMember {
  return {
    expertId: e._id,
    userId: e.userId,
    name: e.name,
    role,
    status: 'assigned',
    order,
    assignedAt: now,
    ...(replaces ? { replacesExpertId: replaces } : {}),
  };
}

/**
 * The review use cases. A review is one document; every change (declaration, decline and
 * replacement, score, conclusion, overdue flag) is one update guarded by its version that carries
 * its events, so two experts acting at once cannot overwrite each other: the later one is told
 * to read again.
 */
@Injectable()
export class Reviews {
  private readonly writes: VersionedWrites<ReviewDocument>;

  constructor(
    private readonly db: CommitteeCollections,
    private readonly experts: Experts,
    private readonly subjectConflicts: SubjectConflicts,
    relay: OutboxRelay,
    @Inject(COMMITTEE_ENV) private readonly env: CommitteeEnv,
  ) {
    this.writes = new VersionedWrites(db.reviews, relay);
  }

  /**
   * Opens a review with its panel, once: a second call with the same id (a redelivered event,
   * two copies of the service) finds the first review or loses the insert race, and changes nothing.
   */
  async open(
    input: OpenReview,
    cause: EventCause,
    now = new Date(),
  ): Promise<{ doc: ReviewDocument; created: boolean }> {
    const existing = await this.db.reviews.findOne({ _id: input._id });
    if (existing) return { doc: existing, created: false };
    const conflicts = await this.subjectConflicts.of(input, cause.correlationId);
    const choice = selectPanel({
      experts: await this.experts.all({ status: { $eq: 'active' } }),
      fields: input.fields,
      conflicts,
      size: this.env.REVIEW_PANEL_SIZE,
      day: day(now),
      load: await this.load(),
    });
    const panel: Record<string, PanelMember> = {};
    choice.chosen.forEach((e, i) => (panel[e._id] = newMember(e, i === 0 ? 'chair' : 'member', i, now)));
    const { dueDate, ...rest } = input;
    const doc: ReviewDocument = {
      ...rest,
      conflicts,
      panel,
      panelUserIds: choice.chosen.map((e) => e.userId),
      targetSize: this.env.REVIEW_PANEL_SIZE,
      status: 'open',
      dueDate: dueDate ?? day(new Date(now.getTime() + this.env.REVIEW_DEADLINE_DAYS * DAY_MS)),
      createdAt: now,
      version: 0,
    };
    const events: Staged[] = [
      reviewEvent(
        'review.requested',
        doc,
        { title: doc.title, dueDate: doc.dueDate, ...(doc.causeEventId ? { causeEventId: doc.causeEventId } : {}) },
        cause,
        now,
        0,
      ),
    ];
    const chair = choice.chosen[0];
    if (chair) {
      events.push(
        reviewEvent(
          'review.assigned',
          doc,
          { expertIds: choice.chosen.map((e) => e._id), chairExpertId: chair._id },
          cause,
          now,
          0,
        ),
      );
    }
    try {
      await this.writes.insert(doc, events, now);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const first = await this.db.reviews.findOne({ _id: input._id });
      if (!first) throw err;
      return { doc: first, created: false };
    }
    return { doc, created: true };
  }

  async requestByOffice(
    context: RequestContext,
    input: Pick<OpenReview, 'title' | 'subject' | 'fields' | 'dueDate'> & {
      material: string;
      conflictCreditCodes?: string[];
      conflictUnitIds?: string[];
    },
    now = new Date(),
  ): Promise<ReviewView> {
    requirePermission(context.actor, 'committee.manage');
    if (input.dueDate && input.dueDate <= day(now)) {
      throw validationError('the deadline must be in the future', [
        { path: 'dueDate', message: 'must be after today' },
      ]);
    }
    const { doc } = await this.open(
      {
        _id: `rv-${randomUUID().replace(/-/g, '')}`,
        type: 'office_request',
        title: input.title,
        subject: input.subject,
        ...(input.subject.kind === 'task' ? { taskCode: input.subject.ref } : {}),
        ...(input.subject.kind === 'allocation' ? { allocationId: input.subject.ref } : {}),
        material: { text: input.material, facts: {} },
        fields: [...new Set(input.fields)],
        conflicts: {
          creditCodes: input.conflictCreditCodes ?? [],
          organisations: [],
          unitIds: input.conflictUnitIds ?? [],
        },
        ...(input.dueDate ? { dueDate: input.dueDate } : {}),
        createdBy: context.actor.id,
      },
      causeOf(context),
      now,
    );
    return toReviewView(doc, this.viewer(context.actor), now);
  }

  async list(
    context: RequestContext,
    filter: { status?: ReviewDocument['status']; overdue?: boolean; taskCode?: string },
    limit: number,
    now = new Date(),
  ): Promise<ReviewView[]> {
    requirePermission(context.actor, 'committee.view');
    const viewer = this.viewer(context.actor);
    const q: Filter<ReviewDocument> = {};
    // An expert's list: only the reviews they are assigned to.
    if (!viewer.manager) q.panelUserIds = { $eq: context.actor.id } as never;
    if (filter.status) q.status = { $eq: filter.status };
    if (filter.overdue) {
      q.status = { $eq: 'open' };
      q.dueDate = { $lt: day(now) };
    }
    if (filter.taskCode) q.taskCode = { $eq: filter.taskCode };
    const docs = await this.db.reviews
      .find(q, { projection: { outbox: 0 } })
      .sort({ createdAt: -1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => toReviewView(d, viewer, now));
  }

  async get(context: RequestContext, id: string, now = new Date()): Promise<ReviewView> {
    requirePermission(context.actor, 'committee.view');
    const viewer = this.viewer(context.actor);
    const doc = await this.db.reviews.findOne({ _id: id });
    // An expert not on the panel is not told the review exists.
    if (!doc || (!viewer.manager && !doc.panel[viewer.expertId ?? ''])) throw notFound(`review ${id}`);
    return toReviewView(doc, viewer, now);
  }

  /** The member declares no conflict of interest: the material becomes visible to them. Declaring again changes nothing. */
  declare(context: RequestContext, id: string, now = new Date()): Promise<ReviewView> {
    return this.asMember(context, id, now, (doc, me) => {
      if (me.status === 'declared' || me.status === 'scored') return undefined;
      if (me.status === 'declined') throw conflict('you declined this review');
      return { set: { [`panel.${me.expertId}`]: { ...me, status: 'declared', declaredAt: now } }, events: [] };
    });
  }

  /** The member declines with a reason; the best remaining eligible expert replaces them (and takes the chair if needed). */
  decline(context: RequestContext, id: string, reason: string, now = new Date()): Promise<ReviewView> {
    return this.asMember(context, id, now, async (doc, me, cause) => {
      if (me.status === 'declined') throw conflict('you already declined this review');
      if (me.status === 'scored') throw conflict('you have scored this review; it can no longer be declined');
      return this.withdraw(doc, me, reason, cause, now);
    });
  }

  /**
   * Takes experts who no longer serve (suspended, or past their term) off the open panels where
   * they have not scored yet, as if they had declined, each with a replacement when one is eligible;
   * where they scored, their scores stand and a chair hands the chair to a serving member.
   * Runs after a suspension and on every clock tick (which completes a run a crash cut short).
   */
  async withdrawUnserving(now = new Date()): Promise<number> {
    const serving = new Set((await this.experts.all()).filter((e) => isServing(e, day(now))).map((e) => e._id));
    const open = await this.db.reviews.find({ status: { $eq: 'open' } }, { projection: { outbox: 0 } }).toArray();
    let withdrawn = 0;
    for (const first of open) {
      let doc: ReviewDocument | null = first;
      for (const { expertId } of activeMembers(first)) {
        const me: PanelMember | undefined = doc?.panel[expertId];
        if (!doc || !me || serving.has(expertId) || me.status === 'declined') continue;
        if (me.status === 'scored') {
          // Their scores stand; only the chair passes to a serving member, who will conclude.
          const next = activeMembers(doc).find((m) => serving.has(m.expertId));
          if (me.role !== 'chair' || !next) continue;
          const set = {
            [`panel.${me.expertId}`]: { ...me, role: 'member' },
            [`panel.${next.expertId}`]: { ...next, role: 'chair' },
          };
          doc = await this.writes.save(doc._id, doc.version, set, [], now);
          continue;
        }
        const cause: EventCause = {
          correlationId: `review-withdraw-${doc._id}`,
          causationId: `review-withdraw-${doc._id}-${expertId}`,
          actor: { kind: 'system', id: 'committee-review-clock' },
        };
        const change = await this.withdraw(doc, me, 'no longer serving on the committee', cause, now);
        // Changed meanwhile: the next run sees it again.
        doc = await this.writes.save(doc._id, doc.version, change.set, change.events, now);
        if (doc) withdrawn++;
      }
    }
    return withdrawn;
  }

  /**
   * Completes panels short of their size (opened before enough experts served, or emptied by
   * declines) from the experts eligible now; a panel without a chair gets one. Runs on every clock
   * tick. Returns how many reviews it completed.
   */
  async fillUnderstaffed(now = new Date()): Promise<number> {
    const open = await this.db.reviews.find({ status: { $eq: 'open' } }, { projection: { outbox: 0 } }).toArray();
    const short = open.filter((doc) => activeMembers(doc).length < doc.targetSize);
    if (short.length === 0) return 0;
    const experts = await this.experts.all({ status: { $eq: 'active' } });
    let filled = 0;
    for (const doc of short) {
      const { chosen } = selectPanel({
        experts,
        fields: doc.fields,
        conflicts: doc.conflicts,
        size: doc.targetSize - activeMembers(doc).length,
        day: day(now),
        exclude: new Set(Object.keys(doc.panel)),
        load: await this.load(),
      });
      if (chosen.length === 0) continue;
      const panel: Record<string, PanelMember> = { ...doc.panel };
      const needsChair = !chairOf(doc);
      chosen.forEach(
        (e, i) =>
          (panel[e._id] = newMember(e, needsChair && i === 0 ? 'chair' : 'member', membersOf(doc).length + i, now)),
      );
      const cause: EventCause = {
        correlationId: `review-clock-${doc._id}`,
        causationId: `review-fill-${doc._id}-${doc.version}`,
        actor: { kind: 'system', id: 'committee-review-clock' },
      };
      const event = reviewEvent(
        'review.assigned',
        doc,
        { expertIds: chosen.map((e) => e._id), chairExpertId: chairOf({ panel })!.expertId },
        cause,
        now,
      );
      const panelUserIds = [...doc.panelUserIds, ...chosen.map((e) => e.userId)];
      if (await this.writes.save(doc._id, doc.version, { panel, panelUserIds }, [event], now)) filled++;
    }
    return filled;
  }

  /** A member leaves the panel (declined or withdrawn): the best remaining eligible expert replaces them. */
  private async withdraw(
    doc: ReviewDocument,
    me: PanelMember,
    reason: string,
    cause: EventCause,
    now: Date,
  ): Promise<{ set: Record<string, unknown>; events: Staged[] }> {
    const { chosen } = selectPanel({
      experts: await this.experts.all({ status: { $eq: 'active' } }),
      fields: doc.fields,
      conflicts: doc.conflicts,
      size: 1,
      day: day(now),
      exclude: new Set(Object.keys(doc.panel)),
      load: await this.load(),
    });
    const replacement = chosen[0];
    const panel: Record<string, PanelMember> = {
      ...doc.panel,
      [me.expertId]: { ...me, status: 'declined', declineReason: reason, declinedAt: now, role: 'member' },
    };
    const order = membersOf(doc).length;
    if (replacement) panel[replacement._id] = newMember(replacement, 'member', order, now, me.expertId);
    if (me.role === 'chair') {
      const next = activeMembers({ panel })[0];
      if (next) panel[next.expertId] = { ...next, role: 'chair' };
    }
    const chair = chairOf({ panel });
    const events: Staged[] = [
      reviewEvent(
        'review.declined',
        doc,
        { expertId: me.expertId, reason, ...(replacement ? { replacementExpertId: replacement._id } : {}) },
        cause,
        now,
      ),
    ];
    if (replacement && chair) {
      events.push(
        reviewEvent(
          'review.assigned',
          doc,
          { expertIds: [replacement._id], chairExpertId: chair.expertId, replacesExpertId: me.expertId },
          cause,
          now,
        ),
      );
    }
    const panelUserIds = [...doc.panelUserIds, ...(replacement ? [replacement.userId] : [])];
    return { set: { panel, panelUserIds }, events };
  }

  /** A declared member scores every criterion of the rubric; scoring again before the conclusion replaces it. */
  score(
    context: RequestContext,
    id: string,
    scores: Record<string, number>,
    comment: string,
    now = new Date(),
  ): Promise<ReviewView> {
    return this.asMember(context, id, now, (doc, me, cause) => {
      if (me.status === 'declined') throw conflict('you declined this review');
      if (me.status === 'assigned') throw conflict('declare that you have no conflict of interest first');
      const issues = scoreIssues(doc.type, scores);
      if (issues.length) throw validationError('the scores do not fit the rubric', issues);
      const ws = weightedScore(doc.type, scores);
      return {
        set: {
          [`panel.${me.expertId}`]: { ...me, status: 'scored', scores, comment, weightedScore: ws, scoredAt: now },
        },
        events: [reviewEvent('review.scored', doc, { expertId: me.expertId, weightedScore: ws }, cause, now)],
      };
    });
  }

  /** The chair concludes once every active member (the chair included) has scored. */
  conclude(
    context: RequestContext,
    id: string,
    input: { conclusion: ReviewConclusion; summary: string; conditions?: string },
    now = new Date(),
  ): Promise<ReviewView> {
    return this.asMember(context, id, now, (doc, me, cause) => {
      if (me.role !== 'chair' || me.status === 'declined') {
        throw new DomainError('forbidden', 'only the chair of the panel concludes a review');
      }
      const active = activeMembers(doc);
      const pending = active.filter((m) => m.status !== 'scored');
      if (pending.length) {
        throw conflict(
          `every active panel member must score first; waiting for ${pending.map((m) => m.name).join(', ')}`,
          {
            pendingExpertIds: pending.map((m) => m.expertId),
          },
        );
      }
      const issues = conclusionIssues(doc.type, input.conclusion, input.conditions);
      if (issues.length) throw validationError('the conclusion does not fit the review', issues);
      const score = panelScore(active.map((m) => m.weightedScore ?? 0));
      const conclusion = {
        conclusion: input.conclusion,
        summary: input.summary,
        ...(input.conditions ? { conditions: input.conditions } : {}),
        weightedScore: score,
        by: context.actor.id,
        at: now,
      };
      return {
        set: { status: 'concluded', conclusion },
        events: [
          reviewEvent(
            'review.concluded',
            doc,
            {
              conclusion: input.conclusion,
              summary: input.summary,
              ...(input.conditions ? { conditions: input.conditions } : {}),
              weightedScore: score,
              panelSize: active.length,
              chairExpertId: me.expertId,
            },
            cause,
            now,
          ),
        ],
      };
    });
  }

  /** The clock: flags each open review past its deadline once, with `review.overdue`. Returns how many it flagged. */
  flagOverdue(now = new Date()): Promise<number> {
    return this.markOnce('overdueFlagged', 'review.overdue', { $lt: day(now) }, now);
  }

  /**
   * The clock: reminds the members who have not scored, once per review, when its deadline is
   * REVIEW_REMINDER_DAYS away or nearer (and not yet past). Returns how many reviews it reminded.
   */
  remindDue(now = new Date()): Promise<number> {
    const days = this.env.REVIEW_REMINDER_DAYS;
    if (days === 0) return Promise.resolve(0);
    const horizon = day(new Date(now.getTime() + days * DAY_MS));
    return this.markOnce('reminded', 'review.reminded', { $gte: day(now), $lte: horizon }, now);
  }

  /** Sets `flag` once on each open review whose deadline matches, with its event. */
  private async markOnce(
    flag: 'overdueFlagged' | 'reminded',
    type: 'review.overdue' | 'review.reminded',
    dueDate: Record<string, string>,
    now: Date,
  ): Promise<number> {
    const docs = await this.db.reviews
      .find({ status: { $eq: 'open' }, dueDate, [flag]: { $ne: true } } as Filter<ReviewDocument>, {
        projection: { outbox: 0 },
      })
      .toArray();
    let marked = 0;
    for (const doc of docs) {
      const cause: EventCause = {
        correlationId: `review-clock-${doc._id}`,
        causationId: `review-clock-${doc._id}`,
        actor: { kind: 'system', id: 'committee-review-clock' },
      };
      const pending = activeMembers(doc).filter((m) => m.status !== 'scored');
      const event = reviewEvent(
        type,
        doc,
        { dueDate: doc.dueDate, pendingExpertIds: pending.map((m) => m.expertId) },
        cause,
        now,
      );
      // Guarded by the version and the flag: several copies of the service mark once.
      const saved = await this.writes.save(doc._id, doc.version, { [flag]: true }, [event], now, {
        [flag]: { $ne: true },
      });
      if (saved) marked++;
    }
    return marked;
  }

  private viewer(actor: Actor) {
    return { manager: isManager(actor), expertId: expertIdOf(actor.id) };
  }

  /** Open reviews per expert still on their panel. */
  private async load(): Promise<Map<string, number>> {
    const open = await this.db.reviews.find({ status: { $eq: 'open' } }, { projection: { panel: 1 } }).toArray();
    const load = new Map<string, number>();
    for (const r of open) for (const m of activeMembers(r)) load.set(m.expertId, (load.get(m.expertId) ?? 0) + 1);
    return load;
  }

  /**
   * A change by a panel member to an open review: `decide` returns the fields and events (or
   * undefined for "nothing to change"), written in one update guarded by the version.
   */
  private async asMember(
    context: RequestContext,
    id: string,
    now: Date,
    decide: (
      doc: ReviewDocument,
      me: PanelMember,
      cause: EventCause,
    ) =>
      | { set: Record<string, unknown>; events: Staged[] }
      | undefined
      | Promise<{ set: Record<string, unknown>; events: Staged[] } | undefined>,
  ): Promise<ReviewView> {
    requirePermission(context.actor, 'committee.advise');
    const viewer = { manager: false, expertId: expertIdOf(context.actor.id) };
    const doc = await this.db.reviews.findOne({ _id: id });
    const me = doc?.panel[viewer.expertId];
    if (!doc || !me) throw notFound(`review ${id}`);
    if (doc.status !== 'open') throw conflict('the review is concluded', { status: doc.status });
    const expert = await this.experts.get(me.expertId);
    if (!expert || !isServing(expert, day(now))) {
      throw new DomainError('forbidden', 'only a serving expert of the committee may act on a review');
    }
    const change = await decide(doc, me, causeOf(context));
    if (!change) return toReviewView(doc, viewer, now);
    const saved = await this.writes.save(id, doc.version, change.set, change.events, now);
    if (!saved) throw conflict('the review changed meanwhile; read it again and retry');
    return toReviewView(saved, viewer, now);
  }
}
