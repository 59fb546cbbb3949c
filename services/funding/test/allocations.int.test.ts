import {
  approveAllocationRpc,
  budgetUsageRpc,
  createAllocationRpc,
  DomainError,
  getAllocationRpc,
  listAllocationsRpc,
  listLedgerRpc,
  rejectAllocationRpc,
  blacklistApplicantRpc,
  seedProgrammesRpc,
  submitAllocationRpc,
  trancheActionRpc,
  listProgrammesRpc,
  type BudgetView,
} from '@aiplat/contracts';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { balancesFromLedger } from '../src/budget/balances';
import type { LedgerEntry } from '../src/ledger/ledger-entry';
import { APPROVER, approved, CREATOR, CREDIT_CODE, draft, setBudget, underReview } from './allocation-flow';
import { as, startFundingService, type FundingHarness } from './funding-service';

async function failure(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('funding allocations (real NATS and MongoDB-wire database)', () => {
  let h: FundingHarness;
  /** A client that sends payloads as they are, so the service's own validation is what answers. */
  let raw: ClientProxy;

  beforeAll(async () => {
    h = await startFundingService();
    raw = ClientProxyFactory.create({ transport: Transport.NATS, options: { servers: [inject('natsUrl')] } });
    await raw.connect();
    const seeded = await h.rpc.request(seedProgrammesRpc, { context: as(CREATOR) });
    expect(seeded.created).toHaveLength(6);
  });
  afterAll(async () => {
    await raw?.close();
    await h?.close();
  });

  it('seeds the policy programmes once', async () => {
    const again = await h.rpc.request(seedProgrammesRpc, { context: as(CREATOR) });
    expect(again.created).toEqual([]);
    const list = await h.rpc.request(listProgrammesRpc, { context: as('viewer', ['talent']) });
    expect(list.items.map((p) => p.name)).toContain('三重一创');
    expect(list.items.map((p) => p.id)).toEqual(expect.arrayContaining(['ai-industry', 'gov-investment-fund']));
  });

  it('30 concurrent approvals against a budget that fits 7: exactly 7 approved, never over-committed', async () => {
    await setBudget(h, 'software-ic', 2026, 700_000);
    const drafts = [];
    for (let i = 0; i < 30; i++) drafts.push(await underReview(h, { programmeId: 'software-ic', amount: 100_000 }));
    const results = await Promise.allSettled(
      drafts.map((a, i) =>
        h.rpc.request(approveAllocationRpc, { context: as(`officer-${i % 3}-x`), allocationId: a.id }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(7);
    expect(refused.every((r) => (r.reason as DomainError).code === 'unprocessable')).toBe(true);
    const [budget] = (
      await h.rpc.request(budgetUsageRpc, { context: as(CREATOR), programmeId: 'software-ic', year: 2026 })
    ).items as [BudgetView];
    expect(budget).toMatchObject({ budget: 700_000, committed: 700_000, available: 0 });
    const commitments = await h.rpc.request(listLedgerRpc, {
      context: as(CREATOR),
      programmeId: 'software-ic',
      kind: 'commitment',
      limit: 100,
    });
    expect(commitments.items).toHaveLength(7);
    const stillInReview = await h.rpc.request(listAllocationsRpc, {
      context: as(CREATOR),
      programmeId: 'software-ic',
      status: 'under_review',
      limit: 100,
    });
    expect(stillInReview.items).toHaveLength(23);
  });

  it('four eyes: the creator and the submitter cannot approve; a bureau user cannot; another officer can', async () => {
    await setBudget(h, 'high-quality', 2026, 10_000_000);
    const a = await underReview(h);
    for (const who of [as(CREATOR), as('bureau-carol', ['bureau'])]) {
      const err = await failure(h.rpc.request(approveAllocationRpc, { context: who, allocationId: a.id }));
      expect(err.code).toBe('forbidden');
    }
    expect((await h.rpc.request(getAllocationRpc, { context: as(CREATOR), allocationId: a.id })).status).toBe(
      'under_review',
    );
    const queue = await h.rpc.request(listAllocationsRpc, { context: as(APPROVER), queue: true, limit: 500 });
    expect(queue.items.map((x) => x.id)).toContain(a.id);
    const mine = await h.rpc.request(listAllocationsRpc, { context: as(CREATOR), queue: true, limit: 500 });
    expect(mine.items.map((x) => x.id)).not.toContain(a.id);
    const done = await h.rpc.request(approveAllocationRpc, { context: as(APPROVER), allocationId: a.id });
    expect(done).toMatchObject({ status: 'approved', approvedBy: APPROVER });
    const again = await failure(
      h.rpc.request(approveAllocationRpc, { context: as('officer-dan'), allocationId: a.id }),
    );
    expect(again.code).toBe('conflict');
  });

  it('rejection needs a reason; an override of the budget needs an administrator and is in the ledger', async () => {
    const a = await underReview(h);
    const noReason = await firstValueFrom(
      raw.send(rejectAllocationRpc.subject, { context: as(APPROVER), allocationId: a.id }),
    ).then(
      () => undefined,
      (err: unknown) => err as { code: string },
    );
    expect(noReason?.code).toBe('validation');
    const rejected = await h.rpc.request(rejectAllocationRpc, {
      context: as(APPROVER),
      allocationId: a.id,
      reason: 'duplicate request',
    });
    expect(rejected).toMatchObject({ status: 'rejected', rejection: { reason: 'duplicate request', by: APPROVER } });

    await setBudget(h, 'sanzhong-yichuang', 2026, 50_000);
    const big = await underReview(h, { programmeId: 'sanzhong-yichuang', amount: 80_000 });
    const refused = await failure(h.rpc.request(approveAllocationRpc, { context: as(APPROVER), allocationId: big.id }));
    expect(refused.code).toBe('unprocessable');
    const notAdmin = await failure(
      h.rpc.request(approveAllocationRpc, { context: as(APPROVER), allocationId: big.id, overrideReason: 'urgent' }),
    );
    expect(notAdmin.code).toBe('forbidden');
    const overridden = await h.rpc.request(approveAllocationRpc, {
      context: as('officer-admin', ['funding_officer', 'admin']),
      allocationId: big.id,
      overrideReason: 'municipal government decision 2026-12',
    });
    expect(overridden.override).toEqual({ reason: 'municipal government decision 2026-12', by: 'officer-admin' });
    const ledger = await h.rpc.request(listLedgerRpc, { context: as(CREATOR), allocationId: big.id, limit: 10 });
    expect(ledger.items).toEqual([
      expect.objectContaining({
        kind: 'commitment',
        amount: 80_000,
        override: true,
        reason: 'municipal government decision 2026-12',
      }),
    ]);
    const [budget] = (await h.rpc.request(budgetUsageRpc, { context: as(CREATOR), programmeId: 'sanzhong-yichuang' }))
      .items as [BudgetView];
    expect(budget.available).toBe(-30_000);
  });

  it('refuses bad input with a validation error and changes nothing', async () => {
    const before = await h.db.collection('allocations').countDocuments();
    const send = (payload: unknown) =>
      firstValueFrom(raw.send(createAllocationRpc.subject, payload)).then(
        () => undefined,
        (err: unknown) => err as { code: string; issues?: Array<{ path: string }> },
      );
    const base = { context: as(CREATOR), ...draft() };
    for (const [payload, path] of [
      [{ ...base, amount: -100, tranches: [{ title: 'a', amount: -100, trigger: 'milestone' }] }, 'amount'],
      [{ ...base, amount: 100.5, tranches: [{ title: 'a', amount: 100.5, trigger: 'milestone' }] }, 'amount'],
      [{ ...base, applicant: { ...base.applicant, creditCode: '91350100M000100Y44' } }, 'applicant.creditCode'],
    ] as const) {
      const err = await send(payload);
      expect(err?.code, JSON.stringify(payload).slice(0, 80)).toBe('validation');
      expect(err?.issues?.map((i) => i.path)).toContain(path);
    }
    const unknown = await failure(
      h.rpc.request(createAllocationRpc, { context: as(CREATOR), ...draft({ programmeId: 'no-such-fund' }) }),
    );
    expect(unknown.code).toBe('validation');
    const badSum = await failure(
      h.rpc.request(createAllocationRpc, {
        context: as(CREATOR),
        ...draft({ amount: 1000, tranches: [{ title: 'a', amount: 999, trigger: 'milestone' }] }),
      }),
    );
    expect(badSum.code).toBe('validation');
    expect(await h.db.collection('allocations').countDocuments()).toBe(before);
  });

  it('a blacklisted applicant fails eligibility, with the reason recorded', async () => {
    await h.rpc.request(blacklistApplicantRpc, {
      context: as(CREATOR),
      creditCode: CREDIT_CODE,
      reason: 'subsidy fraud 2025',
    });
    const created = await h.rpc.request(createAllocationRpc, { context: as(CREATOR), ...draft() });
    const submitted = await h.rpc.request(submitAllocationRpc, { context: as(CREATOR), allocationId: created.id });
    expect(submitted.status).toBe('rejected');
    expect(submitted.eligibility?.reasons).toContainEqual({
      rule: 'not_blacklisted',
      passed: false,
      reason: 'the applicant is blacklisted: subsidy fraud 2025',
    });
    await h.db.collection('blacklist').deleteOne({ _id: CREDIT_CODE as never });
  });

  it('the balances recomputed from the ledger equal the budget document after a mixed scenario', async () => {
    await setBudget(h, 'gov-investment-fund', 2027, 1_000_000);
    await setBudget(h, 'gov-investment-fund', 2027, 900_000);
    const a = await approved(h, {
      programmeId: 'gov-investment-fund',
      year: 2027,
      amount: 300_000,
      tranches: [
        { title: 'one', amount: 100_000, trigger: 'milestone' },
        { title: 'two', amount: 200_000, trigger: 'milestone' },
      ],
    });
    await approved(h, { programmeId: 'gov-investment-fund', year: 2027, amount: 200_000 });
    const r = await underReview(h, { programmeId: 'gov-investment-fund', year: 2027, amount: 50_000 });
    await h.rpc.request(rejectAllocationRpc, { context: as(APPROVER), allocationId: r.id, reason: 'out of scope' });
    await h.rpc.request(trancheActionRpc, {
      context: as(APPROVER),
      allocationId: a.id,
      tranche: 0,
      action: 'make_payable',
    });
    await h.rpc.request(trancheActionRpc, {
      context: as(APPROVER),
      allocationId: a.id,
      tranche: 0,
      action: 'disburse',
    });

    const [budget] = (
      await h.rpc.request(budgetUsageRpc, { context: as(CREATOR), programmeId: 'gov-investment-fund', year: 2027 })
    ).items as [BudgetView];
    expect(budget).toMatchObject({ budget: 900_000, committed: 400_000, disbursed: 100_000, available: 400_000 });
    const entries = await h.db
      .collection<LedgerEntry>('ledger')
      .find({ programmeId: 'gov-investment-fund', year: 2027 })
      .toArray();
    const { budget: b, committed, disbursed, released, available } = budget;
    expect(balancesFromLedger(entries)).toEqual({ budget: b, committed, disbursed, released, available });
  });
});
