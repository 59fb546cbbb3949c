import {
  budgetChanged,
  DomainError,
  platformEvents,
  validationError,
  type BudgetView,
  type ProgrammeView,
  type RequestContext,
} from '@aiplat/contracts';
import { createEvent, isDuplicateKeyError, OutboxRelay, toOutboxEntries } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import { hasPermission, isAdmin, requirePermission } from '../allocation/allocation';
import { budgetId, toBudgetView } from '../budget/budget';
import { BudgetStore } from '../budget/budget-store';
import { asDocuments, FundingCollections } from '../database/collections';
import { Ledger } from '../ledger/ledger';
import { POLICY_PROGRAMMES, toProgrammeView } from './programmes';

/** Programmes, their annual budgets and the applicant blacklist: the funding office's set-up. */
@Injectable()
export class ProgrammeAdmin {
  constructor(
    private readonly db: FundingCollections,
    private readonly budgets: BudgetStore,
    private readonly ledger: Ledger,
    private readonly relay: OutboxRelay,
  ) {}

  async list(context: RequestContext): Promise<ProgrammeView[]> {
    requirePermission(context.actor, 'funding.view');
    return (await this.db.programmes.find().sort({ _id: 1 }).toArray()).map(toProgrammeView);
  }

  async seed(context: RequestContext, now = new Date()): Promise<{ created: string[]; unchanged: string[] }> {
    this.requireManageOrAdmin(context);
    const created: string[] = [];
    const unchanged: string[] = [];
    for (const p of POLICY_PROGRAMMES) {
      try {
        await this.db.programmes.insertOne({ ...p, createdAt: now });
        created.push(p._id);
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        unchanged.push(p._id);
      }
    }
    return { created, unchanged };
  }

  /**
   * Sets a programme-year's budget: one keyed update (`applied.budget:<request id>`), guarded on the
   * budget it read (a concurrent change → retry) and, when lowering, on what is still available.
   */
  async setBudget(
    context: RequestContext,
    input: { programmeId: string; year: number; amount: number; reason: string },
    now = new Date(),
  ): Promise<BudgetView> {
    this.requireManageOrAdmin(context);
    if (!(await this.db.programmes.findOne({ _id: input.programmeId }))) {
      throw validationError(`unknown programme ${input.programmeId}`, [
        { path: 'programmeId', message: 'no such programme' },
      ]);
    }
    await this.budgets.ensure(input.programmeId, input.year);
    const ledgerId = `budget:${context.requestId}`;
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.budgets.get(input.programmeId, input.year);
      if (!current) break;
      if (current.applied?.[ledgerId] !== undefined) return toBudgetView(current);
      const delta = input.amount - current.budget;
      const envelope = createEvent(
        platformEvents,
        'budget.changed',
        {
          aggregateId: budgetId(input.programmeId, input.year),
          aggregateVersion: current.version + 1,
          data: {
            programmeId: input.programmeId,
            year: input.year,
            budget: input.amount,
            previous: current.budget,
            available: current.available + delta,
            reason: input.reason,
          },
          correlationId: context.requestId,
          causationId: context.requestId,
          actor: context.actor,
        },
        now,
      );
      const staged = toOutboxEntries([{ envelope, subject: budgetChanged.subject }], now);
      const result = await this.budgets.applyKeyed(
        input.programmeId,
        input.year,
        ledgerId,
        { budget: delta, available: delta },
        { budget: current.budget, ...(delta < 0 ? { available: { $gte: -delta } } : {}) },
        {},
        staged,
      );
      if (result === 'refused') {
        const latest = await this.budgets.get(input.programmeId, input.year);
        if (latest && latest.budget === current.budget && delta < 0 && latest.available < -delta) {
          throw new DomainError(
            'unprocessable',
            `the budget cannot drop to ${input.amount} fen: ${latest.committed + latest.disbursed} fen are committed or paid`,
          );
        }
        continue;
      }
      await this.ledger.record([
        {
          _id: ledgerId,
          kind: 'budget',
          programmeId: input.programmeId,
          year: input.year,
          amount: delta,
          cause: { requestId: context.requestId },
          actor: context.actor.id,
          reason: input.reason,
          at: now,
        },
      ]);
      if (result === 'applied')
        void this.relay.dispatch(asDocuments(this.db.budgets), budgetId(input.programmeId, input.year), staged);
      const after = await this.budgets.get(input.programmeId, input.year);
      if (after) return toBudgetView(after);
    }
    throw new DomainError('conflict', 'the budget kept changing; try again');
  }

  async usage(context: RequestContext, filter: { programmeId?: string; year?: number }): Promise<BudgetView[]> {
    requirePermission(context.actor, 'funding.view');
    return (await this.budgets.list(filter)).map(toBudgetView);
  }

  async blacklist(context: RequestContext, creditCode: string, reason: string, now = new Date()) {
    requirePermission(context.actor, 'funding.manage');
    await this.db.blacklist.updateOne(
      { _id: creditCode },
      { $set: { reason, by: context.actor.id, at: now } },
      { upsert: true },
    );
    return { creditCode, reason };
  }

  private requireManageOrAdmin(context: RequestContext): void {
    if (!hasPermission(context.actor, 'funding.manage') && !isAdmin(context.actor)) {
      throw new DomainError('forbidden', 'programmes and budgets are set by the funding office or an administrator');
    }
  }
}
