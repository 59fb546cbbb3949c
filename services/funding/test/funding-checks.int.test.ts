import {
  budgetUsageRpc,
  createAllocationRpc,
  getAllocationRpc,
  listChecksRpc,
  seedProgrammesRpc,
  type AllocationView,
  type BudgetView,
  type TaskStatus,
} from '@aiplat/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { balancesFromLedger } from '../src/budget/balances';
import { APPLIED_CHECKS_KEPT, FundingChecks } from '../src/check/funding-checks';
import { TaskProjection } from '../src/check/task-projection';
import type { LedgerEntry } from '../src/ledger/ledger-entry';
import { approved, CREATOR, CREDIT_CODE, setBudget, taskTranches } from './allocation-flow';
import {
  as,
  eventually,
  startFundingService,
  taskCode,
  taskMoved,
  taskOverdue,
  type FundingHarness,
  type TaskEventEnvelope,
} from './funding-service';

describe('funding checks on task events (consumer funding-task-checks, real NATS and database)', () => {
  let h: FundingHarness;
  let checks: FundingChecks;
  const year = 2026;

  beforeAll(async () => {
    h = await startFundingService();
    checks = h.app.get(FundingChecks);
    await h.rpc.request(seedProgrammesRpc, { context: as(CREATOR) });
    await setBudget(h, 'ai-industry', year, 50_000_000);
  });
  afterEach(() => {
    checks.onStage = undefined;
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A task the funding service has heard is in progress (so allocations linked to it are eligible). */
  async function activeTask(): Promise<{ code: string; version: number }> {
    const code = taskCode();
    await send(taskMoved(code, 'assigned', 'in_progress', 2));
    return { code, version: 2 };
  }

  /** Publishes a task event and waits for its funding check to be recorded. */
  async function send(event: TaskEventEnvelope, msgId?: string) {
    await h.publishTaskEvent(event, msgId);
    return eventually(
      async () => (await h.db.collection('funding_checks').findOne({ _id: event.id as never })) ?? undefined,
      15_000,
      `funding check of ${event.type} ${event.id}`,
    );
  }

  async function linked(code: string, n: number, amount = 300_000): Promise<AllocationView[]> {
    const out: AllocationView[] = [];
    for (let i = 0; i < n; i++) {
      out.push(
        await approved(h, { programmeId: 'ai-industry', year, taskCode: code, amount, tranches: taskTranches(amount) }),
      );
    }
    return out;
  }

  const statuses = async (ids: string[]) =>
    Promise.all(
      ids.map(async (id) =>
        (await h.rpc.request(getAllocationRpc, { context: as(CREATOR), allocationId: id })).tranches.map(
          (t) => t.status,
        ),
      ),
    );

  const ledgerOf = (ids: string[]) =>
    h.db
      .collection<LedgerEntry>('ledger')
      .find({ allocationId: { $in: ids } })
      .toArray();

  async function budget(): Promise<BudgetView> {
    const r = await h.rpc.request(budgetUsageRpc, { context: as(CREATOR), programmeId: 'ai-industry', year });
    return r.items[0] as BudgetView;
  }

  it('follows the task: at_risk holds, in_progress lifts, completed awaits, accepted makes the final tranche payable', async () => {
    const task = await activeTask();
    const allocations = await linked(task.code, 2);
    const ids = allocations.map((a) => a.id);
    let v = task.version;
    const move = (from: TaskStatus, to: TaskStatus) => send(taskMoved(task.code, from, to, ++v));

    const risk = await move('in_progress', 'at_risk');
    expect(await statuses(ids)).toEqual([
      ['held', 'held', 'held'],
      ['held', 'held', 'held'],
    ]);
    expect(risk.allocations).toHaveLength(2);

    await move('at_risk', 'in_progress');
    expect(await statuses(ids)).toEqual([
      ['scheduled', 'scheduled', 'scheduled'],
      ['scheduled', 'scheduled', 'scheduled'],
    ]);

    await move('in_progress', 'completed');
    const afterCompletion = await h.rpc.request(getAllocationRpc, { context: as(CREATOR), allocationId: ids[0] ?? '' });
    expect(afterCompletion.tranches[2]).toMatchObject({ status: 'scheduled', awaitingAcceptance: true });

    await move('completed', 'accepted');
    expect((await statuses(ids)).map((t) => t[2])).toEqual(['payable', 'payable']);

    const list = await h.rpc.request(listChecksRpc, {
      context: as('viewer', ['talent']),
      taskCode: task.code,
      limit: 50,
    });
    // One check per event: the first in_progress event and four moves.
    expect(list.items).toHaveLength(5);
    expect(list.items.map((c) => c.to)).toEqual(
      expect.arrayContaining(['at_risk', 'in_progress', 'completed', 'accepted']),
    );
    const accepted = list.items.find((c) => c.to === 'accepted');
    expect(accepted?.allocations[0]?.tranches[2]).toMatchObject({
      from: 'scheduled',
      to: 'payable',
      decision: 'make_payable',
    });
    const holds = (await ledgerOf(ids)).filter((e) => e.kind === 'hold');
    expect(holds).toHaveLength(6);
  });

  it('an overdue flag holds; a cancelled task cancels undisbursed tranches and releases their commitment', async () => {
    const task = await activeTask();
    const [a] = await linked(task.code, 1, 600_000);
    const before = await budget();
    await send(taskOverdue(task.code, 'in_progress', 3));
    expect(await statuses([a!.id])).toEqual([['held', 'held', 'held']]);
    await send(taskMoved(task.code, 'in_progress', 'cancelled', 4));
    const after = await h.rpc.request(getAllocationRpc, { context: as(CREATOR), allocationId: a!.id });
    expect(after.status).toBe('closed');
    expect(after.tranches.map((t) => t.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const now = await budget();
    expect(now.committed).toBe(before.committed - 600_000);
    expect(now.available).toBe(before.available + 600_000);
    expect(now.released - before.released).toBe(600_000);
  });

  it('an older event redelivered after a newer one changes nothing: it is recorded as stale and the tranches follow the last status', async () => {
    const task = await activeTask();
    const [a] = await linked(task.code, 1);
    const risk = taskMoved(task.code, 'in_progress', 'at_risk', 3);
    const recovery = taskMoved(task.code, 'at_risk', 'in_progress', 4);
    // The recovery is checked first (the risk event came back after an ack timeout, say).
    await send(recovery);
    const late = await send(risk);
    expect(await statuses([a!.id])).toEqual([['scheduled', 'scheduled', 'scheduled']]);
    expect(late).toMatchObject({ stale: true, allocations: [] });
    expect((await ledgerOf([a!.id])).filter((e) => e.kind === 'hold')).toHaveLength(0);
    const list = await h.rpc.request(listChecksRpc, { context: as(CREATOR), taskCode: task.code, limit: 10 });
    expect(list.items.find((c) => c.id === risk.id)).toMatchObject({ stale: true, to: 'at_risk' });
  });

  it('of two copies checking two events of one task at once, the older cannot overwrite the newer', async () => {
    const task = await activeTask();
    const [a] = await linked(task.code, 1);
    const risk = taskMoved(task.code, 'in_progress', 'at_risk', 3);
    const recovery = taskMoved(task.code, 'at_risk', 'in_progress', 4);
    // The older check passes the task-status record first, then reaches the allocation only after
    // the newer one has finished with it — as two copies of the service can interleave.
    const projection = h.app.get(TaskProjection);
    const record = projection.record.bind(projection);
    let release: () => void = () => undefined;
    const newerDone = new Promise<void>((r) => (release = r));
    let passed: () => void = () => undefined;
    const olderPassed = new Promise<void>((r) => (passed = r));
    projection.record = async (...args) => {
      const current = await record(...args);
      if (args[3] === risk.id) {
        passed();
        await newerDone;
      }
      return current;
    };
    try {
      const older = checks.handle(risk);
      await olderPassed;
      await checks.handle(recovery);
      release();
      await older;
    } finally {
      projection.record = record;
    }
    expect(await statuses([a!.id])).toEqual([['scheduled', 'scheduled', 'scheduled']]);
    expect((await ledgerOf([a!.id])).filter((e) => e.kind === 'hold')).toHaveLength(0);
  });

  it('applies a check exactly once when the same event is delivered twice (and when the handler runs again)', async () => {
    const task = await activeTask();
    const allocations = await linked(task.code, 3);
    const ids = allocations.map((a) => a.id);
    const before = await budget();
    const event = taskMoved(task.code, 'in_progress', 'cancelled', 3);
    // Two copies under different message ids: past the server's de-duplication, as after a long outage.
    await send(event, `${event.id}-a`);
    await h.publishTaskEvent(event, `${event.id}-b`);
    // The handler's own guards, below the processed-event record: running it again changes nothing.
    await checks.handle(event);
    await new Promise((r) => setTimeout(r, 1_000));

    const ledger = await ledgerOf(ids);
    expect(ledger.filter((e) => e.kind === 'cancellation')).toHaveLength(9);
    expect((await budget()).committed).toBe(before.committed - 900_000);
    expect(await h.db.collection('funding_checks').countDocuments({ _id: event.id as never })).toBe(1);
    const records = await h.db.collection('processed_events').countDocuments({ eventId: event.id });
    expect(records).toBe(1);
  });

  it('after a crash mid-check (between an allocation update and its ledger and budget effects), redelivery completes it once', async () => {
    const task = await activeTask();
    const allocations = await linked(task.code, 3);
    const ids = allocations.map((a) => a.id);
    const before = await budget();
    const event = taskMoved(task.code, 'in_progress', 'cancelled', 3);
    let crashes = 0;
    checks.onStage = (stage, eventId, reached) => {
      // First delivery: allocation 1 fully applied, allocation 2 updated but neither its ledger nor its budget release.
      if (eventId === event.id && stage === 'updated' && reached === 2 && crashes === 0) {
        crashes++;
        throw new Error('simulated crash mid-check');
      }
    };
    const check = await send(event);
    expect(crashes).toBe(1);
    expect(check.allocations).toHaveLength(3);

    expect(await statuses(ids)).toEqual(ids.map(() => ['cancelled', 'cancelled', 'cancelled']));
    const ledger = await ledgerOf(ids);
    expect(ledger.filter((e) => e.kind === 'cancellation')).toHaveLength(9);
    const now = await budget();
    expect(now.committed).toBe(before.committed - 900_000);
    expect(now.released - before.released).toBe(900_000);
    const processed = await h.db.collection('processed_events').findOne({ eventId: event.id });
    expect(processed?.deliveryCount).toBe(2);
  });

  it('examines an allocation not yet approved without writing it (an officer editing it meets no conflict)', async () => {
    const task = await activeTask();
    const draft = await h.rpc.request(createAllocationRpc, {
      context: as(CREATOR),
      programmeId: 'ai-industry',
      year,
      applicant: { name: '合肥某智能科技有限公司', creditCode: CREDIT_CODE, unit: 'city-economy-it' },
      taskCode: task.code,
      amount: 300_000,
      purpose: 'draft during a task change',
      tranches: taskTranches(300_000),
    });
    const check = await send(taskMoved(task.code, 'in_progress', 'at_risk', 3));
    expect(check.allocations[0]).toMatchObject({ allocationId: draft.id, status: 'draft' });
    expect(check.allocations[0].tranches.every((t: { decision: string }) => t.decision === 'unchanged')).toBe(true);
    const after = await h.rpc.request(getAllocationRpc, { context: as(CREATOR), allocationId: draft.id });
    expect(after.version).toBe(draft.version);
  });

  it('keeps the applied-check guards of the most recent events only, so the allocation stays small', async () => {
    const task = await activeTask();
    const [a] = await linked(task.code, 1);
    let last = '';
    for (let v = 3; v < 15; v++) {
      const risky = v % 2 === 1;
      const event = taskMoved(task.code, risky ? 'in_progress' : 'at_risk', risky ? 'at_risk' : 'in_progress', v);
      await send(event);
      last = event.id;
    }
    const doc = await h.db.collection('allocations').findOne({ _id: a!.id as never });
    const kept = Object.keys((doc?.appliedChecks as Record<string, unknown>) ?? {});
    expect(kept).toHaveLength(APPLIED_CHECKS_KEPT);
    expect(kept).toContain(last);
    expect((await ledgerOf([a!.id])).filter((e) => e.kind === 'hold')).toHaveLength(6 * 3);
  });

  it('the balances recomputed from the whole ledger equal the budget document after all of this', async () => {
    const doc = await budget();
    const entries = await h.db.collection<LedgerEntry>('ledger').find({ programmeId: 'ai-industry', year }).toArray();
    const { budget: b, committed, disbursed, released, available } = doc;
    expect(balancesFromLedger(entries)).toEqual({ budget: b, committed, disbursed, released, available });
  });
});
