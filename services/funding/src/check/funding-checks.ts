import {
  fundingCheckRecorded,
  platformEvents,
  type Envelope,
  type EventDataOf,
  type PlatformEvents,
} from '@aiplat/contracts';
import {
  causedBy,
  createEvent,
  isDuplicateKeyError,
  outboxFieldsForInsert,
  OutboxRelay,
  toOutboxEntries,
  type HandlerContext,
} from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { Filter } from 'mongodb';
import type { AllocationDocument, AppliedCheck } from '../allocation/allocation';
import { AllocationStore } from '../allocation/allocation-store';
import { trancheEvents } from '../allocation/allocation-events';
import { BudgetStore } from '../budget/budget-store';
import { asDocuments, FundingCollections } from '../database/collections';
import { Ledger } from '../ledger/ledger';
import type { LedgerEntry } from '../ledger/ledger-entry';
import { decideCheck, type TaskMove } from './check-rules';
import type { FundingCheckDocument } from './funding-check';
import { TaskProjection } from './task-projection';

export type TaskEvent =
  | Envelope<'task.status_changed', EventDataOf<PlatformEvents, 'task.status_changed'>>
  | Envelope<'task.overdue_flagged', EventDataOf<PlatformEvents, 'task.overdue_flagged'>>;

export const FUNDING_ACTOR = { kind: 'system' as const, id: 'funding-check' };

/**
 * Applied checks kept on an allocation. Older ones are dropped: their events are long acknowledged
 * and recorded as processed (the first idempotency layer); this guard covers the window of a crash
 * or a redelivery, and a bounded map keeps the document — which FerretDB reads whole on every
 * guarded update — small.
 */
export const APPLIED_CHECKS_KEPT = 8;

/** Ledger kind for each decision that moves a tranche (others leave no entry). */
const LEDGER_KIND = {
  hold: 'hold',
  lift_hold: 'hold_lifted',
  make_payable: 'payable',
  cancel: 'cancellation',
} as const;

/**
 * The funding check: for one task event, every allocation linked to the task is examined,
 * the rules decide per tranche, and ONE check document (`_id` = the event id) records it.
 *
 * Exactly once, even when the event comes twice or the process dies half-way:
 *  1. each allocation is updated with a filter that requires `appliedChecks.<event id>` to be
 *     absent (and its version unchanged); the decisions are stored first in `check_outcomes` under
 *     `<event id>:<allocation>:<version>`, and the update records that version — a re-run finds it
 *     and reads the decisions instead of deciding again;
 *  2. the ledger entries (`<event id>:<allocation>:<tranche>`) and the budget release
 *     (`applied.<same id>`) are keyed, and are (re)written from the STORED decisions on every
 *     run, so a crash between the allocation update and them is completed by the redelivery;
 *  3. the check document is inserted under the event id; a second insert is a no-op.
 */
@Injectable()
export class FundingChecks {
  /**
   * Test seam: called after each allocation's update (`updated`) and after its ledger and budget
   * effects (`done`), with how many allocations were reached; a test throws here to simulate a crash.
   */
  onStage: ((stage: 'updated' | 'done', eventId: string, reached: number) => void) | undefined;

  constructor(
    private readonly db: FundingCollections,
    private readonly allocations: AllocationStore,
    private readonly budgets: BudgetStore,
    private readonly ledger: Ledger,
    private readonly tasks: TaskProjection,
    private readonly relay: OutboxRelay,
  ) {}

  async handle(event: TaskEvent, _ctx?: HandlerContext): Promise<void> {
    const code = event.data.code;
    const move: TaskMove =
      event.type === 'task.status_changed'
        ? { kind: 'status_changed', from: event.data.from, to: event.data.to }
        : { kind: 'overdue', status: event.data.status };
    const to = move.kind === 'status_changed' ? move.to : move.status;
    const version = event.aggregateVersion;
    // Events without a version (none are published today) cannot be ordered and are applied as they come.
    const current =
      version === undefined || (await this.tasks.record(code, to, version, event.id, new Date(event.time)));
    if (!current) {
      await this.recordCheck(event, code, move, to, [], true);
      return;
    }

    const examined: FundingCheckDocument['allocations'] = [];
    for (const allocation of await this.allocations.findByTask(code)) {
      const outcome = await this.checkAllocation(allocation, event, move);
      this.onStage?.('updated', event.id, examined.length + 1);
      await this.applyEffects(allocation, event, outcome);
      examined.push({ allocationId: allocation._id, status: outcome.status, tranches: outcome.decisions });
      this.onStage?.('done', event.id, examined.length);
    }
    await this.recordCheck(event, code, move, to, examined, false);
  }

  list(taskCode: string, limit: number): Promise<FundingCheckDocument[]> {
    return this.db.checks
      .find({ taskCode: { $eq: taskCode } } as Filter<FundingCheckDocument>, { projection: { outbox: 0 } })
      .sort({ at: -1, _id: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Applies the rules to one allocation once; returns the decisions (the stored ones on a re-run).
   * The outcome is written first under a key that includes the version it was decided on (a crash
   * before the allocation update leaves an outcome nobody points to, which is harmless), then the
   * allocation is updated with `appliedChecks.<event id>` = that version, guarded by the version
   * and by the key's absence.
   *
   * Order: the allocation keeps the version of the task event last applied to it (`taskVersion`).
   * An event older than that changes nothing, and every check — one that moves nothing included —
   * raises it, so that of two copies checking two events of one task at once, the older event
   * cannot land last and overwrite the newer one's decision.
   */
  private async checkAllocation(initial: AllocationDocument, event: TaskEvent, move: TaskMove): Promise<AppliedCheck> {
    let doc: AllocationDocument | null = initial;
    for (let attempt = 0; doc; attempt++) {
      const decidedOn = doc.appliedChecks?.[event.id];
      if (decidedOn !== undefined) return this.storedOutcome(event.id, doc._id, decidedOn);
      const taskVersion = event.aggregateVersion;
      const now = new Date();
      if (taskVersion !== undefined && (doc.taskVersion ?? -1) > taskVersion) {
        // A newer event of the task was applied first: the tranches already follow it.
        return { at: now, status: doc.status, decisions: [] };
      }
      const decision = decideCheck(doc, move);
      const outcome: AppliedCheck = { at: now, status: decision.status, decisions: decision.decisions };
      if (!decision.changed) {
        // Nothing moves: only the task version is raised (no version bump to trouble an officer editing it).
        if (taskVersion !== undefined && (doc.taskVersion ?? -1) < taskVersion) {
          await this.allocations.raiseTaskVersion(doc._id, taskVersion);
        }
        return outcome;
      }
      try {
        await this.db.checkOutcomes.insertOne({ _id: outcomeId(event.id, doc._id, doc.version), ...outcome });
      } catch (err) {
        // An earlier attempt decided on this same version: the decision is the same.
        if (!isDuplicateKeyError(err)) throw err;
      }
      const envelopes = trancheEvents(doc, decision.decisions, causedBy(event, FUNDING_ACTOR), now);
      const staged = toOutboxEntries(envelopes, now);
      const saved = await this.allocations.save(
        doc._id,
        doc.version,
        {
          [`appliedChecks.${event.id}`]: doc.version,
          tranches: decision.tranches,
          status: decision.status,
          ...(taskVersion !== undefined ? { taskVersion } : {}),
        },
        staged,
        {
          [`appliedChecks.${event.id}`]: { $exists: false },
          ...(taskVersion !== undefined ? notNewerThan(taskVersion) : {}),
        } as Filter<AllocationDocument>,
        staleChecks(doc),
      );
      if (saved) {
        if (staged.length) void this.relay.dispatch(asDocuments(this.allocations.collection), doc._id, staged);
        return this.storedOutcome(event.id, doc._id, doc.version);
      }
      if (attempt >= 20) throw new Error(`allocation ${doc._id} kept changing during the funding check`);
      // Another writer (an officer, or another copy redelivered the same event) got there first.
      doc = await this.allocations.get(doc._id);
    }
    throw new Error(`allocation ${initial._id} disappeared during the funding check`);
  }

  private async storedOutcome(eventId: string, allocationId: string, version: number): Promise<AppliedCheck> {
    const stored = await this.db.checkOutcomes.findOne({ _id: outcomeId(eventId, allocationId, version) });
    if (!stored) throw new Error(`the outcome of check ${eventId} on ${allocationId} is missing`);
    const { _id: _ignored, ...outcome } = stored;
    return outcome;
  }

  /** Ledger entries and budget releases of a check, keyed so that writing them again is a no-op. */
  private async applyEffects(allocation: AllocationDocument, event: TaskEvent, outcome: AppliedCheck): Promise<void> {
    const entries: LedgerEntry[] = [];
    for (const d of outcome.decisions) {
      if (d.decision === 'unchanged' || d.decision === 'await_acceptance') continue;
      const id = `${event.id}:${allocation._id}:${d.tranche}`;
      if (d.decision === 'cancel') {
        await this.budgets.applyKeyed(allocation.programmeId, allocation.year, id, {
          committed: -d.amount,
          released: d.amount,
          available: d.amount,
        });
      }
      entries.push({
        _id: id,
        kind: LEDGER_KIND[d.decision],
        programmeId: allocation.programmeId,
        year: allocation.year,
        allocationId: allocation._id,
        tranche: d.tranche,
        amount: d.amount,
        cause: { eventId: event.id },
        actor: FUNDING_ACTOR.id,
        reason: d.why,
        at: outcome.at,
      });
    }
    await this.ledger.record(entries);
  }

  private async recordCheck(
    event: TaskEvent,
    code: string,
    move: TaskMove,
    to: FundingCheckDocument['to'],
    examined: FundingCheckDocument['allocations'],
    stale: boolean,
  ): Promise<void> {
    const now = new Date();
    const recorded = createEvent(
      platformEvents,
      'funding.check_recorded',
      {
        aggregateId: code,
        data: {
          checkId: event.id,
          taskCode: code,
          causeEventId: event.id,
          causeEventType: event.type,
          ...(move.kind === 'status_changed' ? { from: move.from } : {}),
          to,
          allocations: examined.length,
          changedTranches: examined.reduce(
            (n, a) => n + a.tranches.filter((t) => t.decision !== 'unchanged').length,
            0,
          ),
          ...(stale ? { stale: true } : {}),
        },
        ...causedBy(event, FUNDING_ACTOR),
      },
      now,
    );
    const staged = toOutboxEntries([{ envelope: recorded, subject: fundingCheckRecorded.subject }], now);
    const doc: FundingCheckDocument = {
      _id: event.id,
      taskCode: code,
      causeEventType: event.type,
      ...(move.kind === 'status_changed' ? { from: move.from } : {}),
      to,
      at: now,
      ...(stale ? { stale: true } : {}),
      allocations: examined,
      ...outboxFieldsForInsert(staged),
    };
    try {
      await this.db.checks.insertOne(doc);
    } catch (err) {
      if (isDuplicateKeyError(err)) return;
      throw err;
    }
    void this.relay.dispatch(asDocuments(this.db.checks), event.id, staged);
  }
}

/** The applied-check keys beyond the newest `APPLIED_CHECKS_KEPT − 1` (room for the one being added). */
function staleChecks(doc: AllocationDocument): string[] {
  return Object.entries(doc.appliedChecks ?? {})
    .sort(([, a], [, b]) => b - a)
    .slice(APPLIED_CHECKS_KEPT - 1)
    .map(([eventId]) => `appliedChecks.${eventId}`);
}

/** The allocation has not applied a newer event of its task (the filter of a version-ordered write). */
function notNewerThan(taskVersion: number): Filter<AllocationDocument> {
  return { $or: [{ taskVersion: { $exists: false } }, { taskVersion: { $lte: taskVersion } }] };
}

const outcomeId = (eventId: string, allocationId: string, version: number) => `${eventId}:${allocationId}:${version}`;
