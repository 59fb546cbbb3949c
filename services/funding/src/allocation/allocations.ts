import { randomUUID } from 'node:crypto';
import {
  allocationIdForKey,
  conflict,
  DomainError,
  notFound,
  validationError,
  type AllocationStatus,
  type AllocationView,
  type Envelope,
  type EventDataOf,
  type PlatformEvents,
  type RequestContext,
} from '@aiplat/contracts';
import { OutboxRelay, toOutboxEntries, type EventCause } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import { BudgetStore } from '../budget/budget-store';
import { asDocuments, FundingCollections } from '../database/collections';
import { Ledger } from '../ledger/ledger';
import { TaskProjection } from '../check/task-projection';
import {
  allSettled,
  assertAllowed,
  assertMayApprove,
  newTranches,
  hasPermission,
  requirePermission,
  trancheIssues,
  type AllocationDocument,
  type HistoryEntry,
  type TrancheInput,
} from './allocation';
import { allocationEvent, trancheEvents } from './allocation-events';
import { AllocationStore } from './allocation-store';
import { toAllocationView } from './allocation-view';
import { evaluateEligibility } from './eligibility';

export type CreateAllocationInput = Pick<
  AllocationDocument,
  'programmeId' | 'year' | 'applicant' | 'taskCode' | 'talentId' | 'amount' | 'purpose'
> & { tranches: TrancheInput[]; sourceKey?: string };

type Staged = { envelope: Envelope; subject: string };

const causeOf = (context: RequestContext): EventCause => ({
  correlationId: context.requestId,
  causationId: context.requestId,
  actor: context.actor,
});

/**
 * The allocation use cases. The allocation's own rules (allocation.ts) decide; each change is
 * one version-guarded update that carries its events. Approval commits the amount in the
 * programme-year budget first (a keyed, conditional single-document update), so two officers
 * approving at once can never over-commit; see docs/decisions/0008.
 */
@Injectable()
export class Allocations {
  constructor(
    private readonly store: AllocationStore,
    private readonly db: FundingCollections,
    private readonly budgets: BudgetStore,
    private readonly ledger: Ledger,
    private readonly tasks: TaskProjection,
    private readonly relay: OutboxRelay,
  ) {}

  async create(context: RequestContext, input: CreateAllocationInput, now = new Date()): Promise<AllocationView> {
    // Talent staff ask for talent subsidies from the talent service (keyed, so asking twice is safe).
    const talentRequest = !!input.talentId && !!input.sourceKey && hasPermission(context.actor, 'talent.manage');
    if (!talentRequest) requirePermission(context.actor, 'funding.manage');
    const id = input.sourceKey ? allocationIdForKey(input.sourceKey) : `al-${randomUUID().replace(/-/g, '')}`;
    if (input.sourceKey) {
      const existing = await this.store.get(id);
      if (existing) return toAllocationView(existing);
    }
    const programme = await this.db.programmes.findOne({ _id: input.programmeId });
    if (!programme)
      throw validationError(`unknown programme ${input.programmeId}`, [
        { path: 'programmeId', message: 'no such programme' },
      ]);
    const issues = trancheIssues(input.amount, input.tranches, input.taskCode);
    if (issues.length) throw validationError('the tranches do not fit the allocation', issues);
    const doc: AllocationDocument = {
      _id: id,
      programmeId: input.programmeId,
      year: input.year,
      applicant: input.applicant,
      ...(input.taskCode ? { taskCode: input.taskCode } : {}),
      ...(input.talentId ? { talentId: input.talentId } : {}),
      amount: input.amount,
      purpose: input.purpose,
      tranches: newTranches(input.tranches),
      status: 'draft',
      createdBy: context.actor.id,
      history: [{ at: now, by: context.actor.id, action: 'create' }],
      appliedChecks: {},
      version: 0,
      createdAt: now,
    };
    try {
      await this.store.insert(doc);
    } catch (err) {
      // The same key asked twice at the same moment: the first allocation stands.
      const existing = (err as { code?: number }).code === 11000 ? await this.store.get(id) : null;
      if (existing) return toAllocationView(existing);
      throw err;
    }
    return toAllocationView(doc);
  }

  async get(context: RequestContext, id: string): Promise<AllocationView> {
    requirePermission(context.actor, 'funding.view');
    return toAllocationView(await this.load(id));
  }

  async list(
    context: RequestContext,
    filter: { status?: AllocationStatus; programmeId?: string; year?: number; taskCode?: string; queue?: boolean },
    limit: number,
  ): Promise<AllocationView[]> {
    requirePermission(context.actor, 'funding.view');
    const { queue, ...rest } = filter;
    if (!queue) return (await this.store.list(rest, limit)).map(toAllocationView);
    // The approval queue: under review, and not created or submitted by the asking officer.
    const docs = await this.store.list({ ...rest, status: 'under_review' }, limit);
    return docs
      .filter((d) => d.createdBy !== context.actor.id && d.submittedBy !== context.actor.id)
      .map(toAllocationView);
  }

  /** draft → submitted → eligibility_checked (or rejected, with the failed rules as reason). */
  async submit(context: RequestContext, id: string, now = new Date()): Promise<AllocationView> {
    requirePermission(context.actor, 'funding.manage');
    const doc = await this.load(id);
    assertAllowed(doc, 'submit');
    const programme = await this.db.programmes.findOne({ _id: doc.programmeId });
    if (!programme) throw new DomainError('unprocessable', `programme ${doc.programmeId} no longer exists`);
    const blacklisted = await this.db.blacklist.findOne({ _id: doc.applicant.creditCode });
    const taskStatus = doc.taskCode ? await this.tasks.statusOf(doc.taskCode) : undefined;
    const result = evaluateEligibility(programme, {
      amount: doc.amount,
      ...(doc.taskCode ? { taskCode: doc.taskCode } : {}),
      ...(blacklisted ? { blacklistReason: blacklisted.reason } : {}),
      ...(taskStatus ? { taskStatus } : {}),
    });
    const cause = causeOf(context);
    const failed = result.reasons.filter((r) => !r.passed).map((r) => r.reason);
    const status: AllocationStatus = result.eligible ? 'eligibility_checked' : 'rejected';
    const events = [
      allocationEvent('allocation.submitted', doc, {}, cause, now),
      allocationEvent(
        'allocation.eligibility_checked',
        doc,
        { eligible: result.eligible, reasons: result.reasons },
        cause,
        now,
      ),
      ...(result.eligible
        ? []
        : [allocationEvent('allocation.rejected', doc, { reason: `ineligible: ${failed.join('; ')}` }, cause, now)]),
    ];
    const entries: HistoryEntry[] = [
      { at: now, by: context.actor.id, action: 'submit' },
      {
        at: now,
        by: 'funding-eligibility',
        action: result.eligible ? 'eligible' : 'ineligible',
        ...(failed.length ? { note: failed.join('; ') } : {}),
      },
    ];
    return this.save(
      doc,
      {
        status,
        submittedBy: context.actor.id,
        eligibility: { ...result, at: now },
        ...(result.eligible
          ? {}
          : { rejection: { reason: `ineligible: ${failed.join('; ')}`, by: 'funding-eligibility' } }),
        history: [...doc.history, ...entries],
      },
      events,
    );
  }

  /** eligibility_checked → under_review; the committee is asked by `allocation.review_requested`. */
  async requestReview(context: RequestContext, id: string, now = new Date()): Promise<AllocationView> {
    requirePermission(context.actor, 'funding.manage');
    const doc = await this.load(id);
    assertAllowed(doc, 'request_review');
    return this.save(
      doc,
      {
        status: 'under_review',
        history: [...doc.history, { at: now, by: context.actor.id, action: 'request_review' }],
      },
      [allocationEvent('allocation.review_requested', doc, { purpose: doc.purpose }, causeOf(context), now)],
    );
  }

  /** Records the expert committee's conclusion (the committee service will send it as an event later). */
  async recordReview(
    context: RequestContext,
    id: string,
    conclusion: 'recommend' | 'not_recommend',
    summary: string,
    now = new Date(),
  ): Promise<AllocationView> {
    requirePermission(context.actor, 'funding.manage');
    const doc = await this.load(id);
    assertAllowed(doc, 'record_review');
    return this.save(
      doc,
      {
        review: { conclusion, summary, by: context.actor.id, at: now },
        history: [...doc.history, { at: now, by: context.actor.id, action: 'record_review', note: conclusion }],
      },
      [],
    );
  }

  /**
   * The committee's conclusion (review.concluded of an allocation review), recorded once: a
   * redelivery finds the same review id already on the allocation. A conclusion arriving after an
   * officer already decided is kept in the history only.
   */
  async reviewConcluded(
    event: { id: string; data: EventDataOf<PlatformEvents, 'review.concluded'> },
    now = new Date(),
  ): Promise<void> {
    const d = event.data;
    if (d.type !== 'allocation_review' || !d.allocationId) return;
    const by = `committee:${d.chairExpertId}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const doc = await this.store.get(d.allocationId);
      if (!doc) return;
      if (doc.review?.reviewId === d.reviewId || doc.history.some((h) => h.note === `review ${d.reviewId}`)) return;
      const recommend = d.conclusion === 'approve' || d.conclusion === 'approve_with_conditions';
      const entry = { at: now, by, action: 'record_review', note: `review ${d.reviewId}` };
      const set: Partial<AllocationDocument> =
        doc.status === 'under_review'
          ? {
              review: {
                conclusion: recommend ? 'recommend' : 'not_recommend',
                summary: d.summary,
                by,
                at: now,
                reviewId: d.reviewId,
                weightedScore: d.weightedScore,
                ...(d.conditions ? { conditions: d.conditions } : {}),
              },
              history: [...doc.history, entry],
            }
          : { history: [...doc.history, { ...entry, action: 'review_after_decision' }] };
      const saved = await this.store.save(doc._id, doc.version, set, []);
      if (saved) return;
    }
    throw conflict(`allocation ${d.allocationId} keeps changing; the review conclusion will be recorded on redelivery`);
  }

  /**
   * under_review → approved. Order, each step idempotent so a retry after a crash completes it:
   * reserve in the budget (keyed by allocation) → ledger commitment (keyed) → allocation update.
   * If the allocation was meanwhile rejected, the reservation is returned (keyed release).
   */
  async approve(
    context: RequestContext,
    id: string,
    overrideReason?: string,
    now = new Date(),
  ): Promise<AllocationView> {
    const doc = await this.load(id);
    assertMayApprove(doc, context.actor, overrideReason);
    assertAllowed(doc, 'approve');
    const override = overrideReason !== undefined;
    await this.budgets.ensure(doc.programmeId, doc.year);
    const reserved = await this.budgets.reserve(doc.programmeId, doc.year, doc._id, doc.amount, override, now);
    if (reserved === 'refused') {
      const budget = await this.budgets.get(doc.programmeId, doc.year);
      throw new DomainError(
        'unprocessable',
        `${doc.programmeId} ${doc.year} has ${budget?.available ?? 0} fen available; the allocation needs ${doc.amount} fen`,
        undefined,
        { available: budget?.available ?? 0, amount: doc.amount },
      );
    }
    await this.ledger.record([
      {
        _id: `commit:${doc._id}`,
        kind: 'commitment',
        programmeId: doc.programmeId,
        year: doc.year,
        allocationId: doc._id,
        amount: doc.amount,
        cause: { requestId: context.requestId },
        actor: context.actor.id,
        ...(override ? { override: true, reason: overrideReason } : {}),
        at: now,
      },
    ]);
    const event = allocationEvent(
      'allocation.approved',
      doc,
      { approvedBy: context.actor.id, override },
      causeOf(context),
      now,
    );
    const staged = toOutboxEntries([event], now);
    const saved = await this.store.save(
      doc._id,
      doc.version,
      {
        status: 'approved',
        approvedBy: context.actor.id,
        ...(override ? { override: { reason: overrideReason, by: context.actor.id } } : {}),
        history: [
          ...doc.history,
          {
            at: now,
            by: context.actor.id,
            action: 'approve',
            ...(override ? { note: `budget override: ${overrideReason}` } : {}),
          },
        ],
      },
      staged,
      { status: 'under_review' },
    );
    if (!saved) {
      const current = await this.load(id);
      if (current.status !== 'approved' && current.status !== 'under_review') {
        await this.returnCommitment(current, context, now);
      }
      throw conflict(
        `allocation ${id} changed while it was being approved (now ${current.status}); reload and try again`,
      );
    }
    void this.relay.dispatch(asDocuments(this.store.collection), doc._id, staged);
    return toAllocationView(saved);
  }

  /** Rejection needs a reason; any commitment already reserved for it is returned to the budget. */
  async reject(context: RequestContext, id: string, reason: string, now = new Date()): Promise<AllocationView> {
    requirePermission(context.actor, 'funding.manage');
    const doc = await this.load(id);
    assertAllowed(doc, 'reject');
    if (!reason.trim()) throw validationError('a rejection needs a reason', [{ path: 'reason', message: 'required' }]);
    const view = await this.save(
      doc,
      {
        status: 'rejected',
        rejection: { reason, by: context.actor.id },
        history: [...doc.history, { at: now, by: context.actor.id, action: 'reject', note: reason }],
      },
      [allocationEvent('allocation.rejected', doc, { reason }, causeOf(context), now)],
    );
    await this.returnCommitment(doc, context, now);
    return view;
  }

  /** `make_payable` (milestone reached) or `disburse` (paid out) on one tranche of an approved allocation. */
  async trancheAction(
    context: RequestContext,
    id: string,
    index: number,
    action: 'make_payable' | 'disburse',
    now = new Date(),
  ): Promise<AllocationView> {
    requirePermission(context.actor, 'funding.manage');
    const doc = await this.load(id);
    const tranche = doc.tranches[index];
    if (!tranche) throw notFound(`tranche ${index} of allocation ${id}`);
    if (doc.status !== 'approved') throw conflict(`allocation ${id} is ${doc.status}; its tranches are not live`);
    const allowed =
      action === 'make_payable'
        ? tranche.status === 'scheduled' && tranche.trigger === 'milestone'
        : tranche.status === 'payable';
    if (!allowed) {
      throw conflict(
        action === 'make_payable'
          ? `tranche ${index} is ${tranche.status} (${tranche.trigger}); only a scheduled milestone tranche is made payable by hand`
          : `tranche ${index} is ${tranche.status}; only a payable tranche is disbursed`,
        { status: tranche.status },
      );
    }
    const to = action === 'make_payable' ? ('payable' as const) : ('disbursed' as const);
    const tranches = doc.tranches.map((t) => (t.index === index ? { ...t, status: to } : t));
    const ledgerId = `${action === 'disburse' ? 'disburse' : 'payable'}:${doc._id}:${index}`;
    const decision = {
      tranche: index,
      amount: tranche.amount,
      from: tranche.status,
      to,
      why: action,
      decision: action === 'disburse' ? 'disburse' : 'make_payable',
    };
    const events = trancheEvents(
      doc,
      [decision],
      causeOf(context),
      now,
      action === 'disburse' ? 'disbursed' : 'milestone_reached',
    );
    // The keyed budget change and ledger entry first, as in approve(): a retry after a crash between
    // them and the allocation's update repeats nothing and completes the update.
    if (action === 'disburse') {
      await this.budgets.applyKeyed(doc.programmeId, doc.year, ledgerId, {
        committed: -tranche.amount,
        disbursed: tranche.amount,
      });
    }
    await this.ledger.record([
      {
        _id: ledgerId,
        kind: action === 'disburse' ? 'disbursement' : 'payable',
        programmeId: doc.programmeId,
        year: doc.year,
        allocationId: doc._id,
        tranche: index,
        amount: tranche.amount,
        cause: { requestId: context.requestId },
        actor: context.actor.id,
        at: now,
      },
    ]);
    const view = await this.save(
      doc,
      {
        tranches,
        status: allSettled(tranches) ? 'closed' : 'approved',
        history: [
          ...doc.history,
          { at: now, by: context.actor.id, action: `tranche_${action}`, note: `tranche ${index}` },
        ],
      },
      events,
    );
    return view;
  }

  /** Returns an allocation's reservation to the budget, once (keyed); nothing if none was made. */
  private async returnCommitment(doc: AllocationDocument, context: RequestContext, now: Date): Promise<void> {
    const budget = await this.budgets.get(doc.programmeId, doc.year);
    const reservation = budget?.reservations?.[doc._id];
    if (!reservation) return;
    const ledgerId = `revert:${doc._id}`;
    const result = await this.budgets.applyKeyed(doc.programmeId, doc.year, ledgerId, {
      committed: -reservation.amount,
      released: reservation.amount,
      available: reservation.amount,
    });
    if (result === 'refused') return;
    await this.ledger.record([
      {
        _id: ledgerId,
        kind: 'release',
        programmeId: doc.programmeId,
        year: doc.year,
        allocationId: doc._id,
        amount: reservation.amount,
        cause: { requestId: context.requestId },
        actor: context.actor.id,
        reason: 'allocation not approved; commitment returned',
        at: now,
      },
    ]);
  }

  private async load(id: string): Promise<AllocationDocument> {
    const doc = await this.store.get(id);
    if (!doc) throw notFound(`allocation ${id}`);
    return doc;
  }

  private async save(
    doc: AllocationDocument,
    set: Partial<AllocationDocument>,
    events: Staged[],
    now = new Date(),
  ): Promise<AllocationView> {
    const staged = toOutboxEntries(events, now);
    const saved = await this.store.save(doc._id, doc.version, set, staged);
    if (!saved)
      throw conflict(`allocation ${doc._id} was changed by someone else at the same moment; reload and try again`);
    if (staged.length) void this.relay.dispatch(asDocuments(this.store.collection), doc._id, staged);
    return toAllocationView(saved);
  }
}
