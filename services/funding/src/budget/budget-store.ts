import { isDuplicateKeyError, withOutbox, type StagedEvent } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Document, Filter, UpdateFilter } from 'mongodb';
import { FundingCollections } from '../database/collections';
import { budgetId, type BudgetDocument } from './budget';

export type ApplyResult = 'applied' | 'already' | 'refused';

export interface BalanceChange {
  budget?: number;
  committed?: number;
  disbursed?: number;
  released?: number;
  available?: number;
}

/**
 * All access to the budgets collection. Each change is one conditional single-document
 * update keyed by what caused it, so it is atomic without a transaction and idempotent
 * on retry: the key's presence in the filter (`$exists: false`) refuses a second run.
 */
@Injectable()
export class BudgetStore {
  constructor(private readonly db: FundingCollections) {}

  get(programmeId: string, year: number): Promise<BudgetDocument | null> {
    return this.db.budgets.findOne({ _id: budgetId(programmeId, year) });
  }

  list(filter: { programmeId?: string; year?: number }): Promise<BudgetDocument[]> {
    const q: Filter<BudgetDocument> = {};
    if (filter.programmeId) q.programmeId = { $eq: filter.programmeId };
    if (filter.year) q.year = { $eq: filter.year };
    return this.db.budgets
      .find(q, { projection: { reservations: 0, applied: 0, outbox: 0 } })
      .sort({ _id: 1 })
      .toArray();
  }

  /** Creates an empty budget for the programme-year unless it exists. */
  async ensure(programmeId: string, year: number): Promise<void> {
    try {
      await this.db.budgets.insertOne({
        _id: budgetId(programmeId, year),
        programmeId,
        year,
        budget: 0,
        committed: 0,
        disbursed: 0,
        released: 0,
        available: 0,
        reservations: {},
        applied: {},
        version: 0,
      });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }

  /**
   * Commits `amount` for an allocation: `available ≥ amount` and no reservation of that
   * allocation yet, in one update. With `override`, the availability guard is dropped
   * (an audited administrator decision); the reservation key still makes it once-only.
   */
  reserve(
    programmeId: string,
    year: number,
    allocationId: string,
    amount: number,
    override: boolean,
    now = new Date(),
  ): Promise<ApplyResult> {
    const key = `reservations.${allocationId}`;
    return this.applyOnce(programmeId, year, key, override ? {} : { available: { $gte: amount } }, {
      $inc: { committed: amount, available: -amount, version: 1 },
      $set: { [key]: { amount, override, at: now } },
    });
  }

  /** A change keyed by its ledger id (`applied.<ledger id>`): applied once, whoever retries. */
  applyKeyed(
    programmeId: string,
    year: number,
    ledgerId: string,
    change: BalanceChange,
    guard: Filter<BudgetDocument> = {},
    set: Record<string, unknown> = {},
    staged: readonly StagedEvent[] = [],
  ): Promise<ApplyResult> {
    const key = `applied.${ledgerId}`;
    const amount = change.budget ?? change.committed ?? change.disbursed ?? 0;
    return this.applyOnce(
      programmeId,
      year,
      key,
      guard,
      withOutbox<Document>(
        { $inc: { ...change, version: 1 }, $set: { ...set, [key]: amount } },
        staged,
      ) as UpdateFilter<BudgetDocument>,
    );
  }

  private async applyOnce(
    programmeId: string,
    year: number,
    key: string,
    guard: Filter<BudgetDocument>,
    update: UpdateFilter<BudgetDocument>,
  ): Promise<ApplyResult> {
    const _id = budgetId(programmeId, year);
    const filter = { ...guard, _id, [key]: { $exists: false } } as Filter<BudgetDocument>;
    const res = await this.db.budgets.updateOne(filter, update);
    if (res.modifiedCount === 1) return 'applied';
    const doc = await this.db.budgets.findOne({ _id });
    return doc && hasPath(doc, key) ? 'already' : 'refused';
  }
}

function hasPath(doc: BudgetDocument, key: string): boolean {
  const [field, id] = key.split(/\.(.*)/s) as [keyof BudgetDocument, string];
  const map = doc[field] as Record<string, unknown> | undefined;
  return map !== undefined && typeof map === 'object' && id in map;
}
