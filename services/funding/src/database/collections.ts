import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import type { AllocationDocument, AppliedCheck } from '../allocation/allocation';
import type { BudgetDocument } from '../budget/budget';
import type { FundingCheckDocument } from '../check/funding-check';
import type { TaskStatusDocument } from '../check/task-projection';
import type { LedgerEntry } from '../ledger/ledger-entry';
import type { ProgrammeDocument } from '../programme/programmes';
import { FUNDING_DB } from './funding-database';

/** The driver's untyped view of a collection, as the outbox relay takes it. */
export const asDocuments = <T extends Document>(c: Collection<T>) => c as unknown as Collection<Document>;

export interface BlacklistDocument {
  _id: string;
  reason: string;
  by: string;
  at: Date;
}

/** The allocations linked to one task (`_id` = task code), so the funding check looks them up by `_id`. */
export interface TaskLinkDocument {
  _id: string;
  allocationIds: string[];
}

/** A check's decisions for one allocation: `_id` = `<event id>:<allocation id>:<version>`. */
export interface CheckOutcomeDocument extends AppliedCheck {
  _id: string;
}

/** The funding database's collections, typed. Only the stores use them. */
@Injectable()
export class FundingCollections {
  readonly programmes: Collection<ProgrammeDocument>;
  readonly budgets: Collection<BudgetDocument>;
  readonly allocations: Collection<AllocationDocument>;
  readonly checks: Collection<FundingCheckDocument>;
  readonly ledger: Collection<LedgerEntry>;
  readonly taskStatus: Collection<TaskStatusDocument>;
  readonly blacklist: Collection<BlacklistDocument>;
  readonly taskLinks: Collection<TaskLinkDocument>;
  readonly checkOutcomes: Collection<CheckOutcomeDocument>;

  constructor(@Inject(FUNDING_DB) connection: Connection) {
    const c = <T extends Document>(name: string) => connection.collection(name) as unknown as Collection<T>;
    this.programmes = c('programmes');
    this.budgets = c('budgets');
    this.allocations = c('allocations');
    this.checks = c('funding_checks');
    this.ledger = c('ledger');
    this.taskStatus = c('task_status');
    this.blacklist = c('blacklist');
    this.taskLinks = c('task_links');
    this.checkOutcomes = c('check_outcomes');
  }

  /** Collections whose documents carry an outbox (the relay publishes from them). */
  withOutbox(): Array<Collection<Document>> {
    return [asDocuments(this.budgets), asDocuments(this.allocations), asDocuments(this.checks)];
  }
}
