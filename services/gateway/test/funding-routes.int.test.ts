import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFundingService, type FundingHarness } from '../../funding/test/funding-service';
import { connect, headers, type NatsConnection } from 'nats';
import { inject } from 'vitest';
import { recordFor } from './consultation-fixtures';
import { startConsultationsService } from './consultations-service';
import { eventually, startGateway, streamEvents, type Gateway, type Json } from './gateway-harness';
import { startTasksService } from './tasks-service';

/**
 * Policy funds end to end through real HTTP: gateway → funding service over NATS, and the tasks
 * service's task.status_changed events through JetStream to the funding check.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');
const CREDIT_CODE = '91350100M000100Y43';

describe('funding routes', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let funding: FundingHarness;
  let consultations: INestMicroservice;
  let nc: NatsConnection;
  /** A second funding officer: creates and submits, so the harness's officer can approve (four eyes). */
  let creator: string;
  let code: string;
  const prefix = uniqueToken();

  const as = (token: string) => ({ token });
  const officer = () => gw.accounts.funding.token;
  const office = () => gw.accounts.office.token;
  const bureau = () => gw.accounts.bureauEit.token;

  beforeAll(async () => {
    tasks = await startTasksService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    funding = await startFundingService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    consultations = await startConsultationsService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    gw = await startGateway();
    nc = await connect({ servers: inject('natsUrl') });
    expect(
      (
        await gw.api('POST', '/api/v1/plans/import', {
          token: office(),
          body: { year: 2020, text: readFileSync(SEED, 'utf8') },
        })
      ).status,
    ).toBe(200);
    const all: Json[] = (
      await gw.api('GET', '/api/v1/tasks', { token: office(), query: { limit: '500', topLevelOnly: 'true' } })
    ).json.items;
    code = all.find((t) => t.leadUnitIds.includes(gw.accounts.bureauEit.unitId))!.code;
    expect(
      (await gw.api('POST', `/api/v1/tasks/${code}/moves`, { token: office(), body: { move: 'assign' } })).status,
    ).toBe(200);
    expect(
      (await gw.api('POST', `/api/v1/tasks/${code}/moves`, { token: bureau(), body: { move: 'start' } })).status,
    ).toBe(200);

    const user = await gw.throwawayUser({ roles: ['funding_officer'], unitId: 'funding-office' });
    creator = (await gw.signIn(user.username, user.password)).json.accessToken;
    expect((await gw.api('POST', '/api/v1/funding/programmes/seed', as(officer()))).status).toBe(200);
    const budget = await gw.api('PUT', '/api/v1/funding/programmes/ai-industry/budgets/2026', {
      token: officer(),
      body: { amount: 10_000_000, reason: '2026 annual budget' },
    });
    expect(budget.status, budget.text).toBe(200);
  });
  afterAll(async () => {
    await nc?.drain();
    await gw?.close();
    await consultations?.close();
    await funding?.close();
    await tasks?.close();
  });

  const draft = (over: Record<string, unknown> = {}) => ({
    programmeId: 'ai-industry',
    year: 2026,
    applicant: { name: '合肥某智能科技有限公司', creditCode: CREDIT_CODE, unit: 'city-economy-it' },
    taskCode: code,
    amount: 900_000,
    purpose: 'intelligent voice industrial cluster',
    tranches: [
      { title: 'kick-off', amount: 300_000, trigger: 'milestone', milestone: 'contract signed' },
      { title: 'midterm', amount: 300_000, trigger: 'milestone', milestone: 'midterm review' },
      { title: 'acceptance', amount: 300_000, trigger: 'acceptance' },
    ],
    ...over,
  });

  /** Waits until the task has `count` funding checks of moves to `to`, and returns the newest. */
  async function checksSeen(to: string, count = 1): Promise<Json> {
    return eventually(
      async () => {
        const res = await gw.api('GET', `/api/v1/tasks/${code}/funding-checks`, as(officer()));
        const matching = (res.json.items ?? []).filter((c: Json) => c.to === to);
        return matching.length >= count ? matching[0] : undefined;
      },
      `${count} funding check(s) for ${code} → ${to}`,
      10_000,
    );
  }

  async function allocation(id: string): Promise<Json> {
    return (await gw.api('GET', `/api/v1/funding/allocations/${id}`, as(officer()))).json;
  }

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = (await gw.api('GET', '/api/v1/funding/allocations', { token: officer(), query: { limit: '500' } }))
      .json.items.length;
    for (const body of [
      draft({ amount: -300, tranches: [{ title: 'a', amount: -300, trigger: 'acceptance' }] }),
      draft({ amount: 100.5, tranches: [{ title: 'a', amount: 100.5, trigger: 'acceptance' }] }),
      draft({ applicant: { name: 'x', creditCode: '91350100M000100Y44', unit: 'u' } }),
      draft({ programmeId: 'no-such-programme' }),
    ]) {
      const res = await gw.api('POST', '/api/v1/funding/allocations', { token: creator, body });
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const after = (await gw.api('GET', '/api/v1/funding/allocations', { token: officer(), query: { limit: '500' } }))
      .json.items.length;
    expect(after).toBe(before);
  });

  it('approval: a bureau user cannot, the creator cannot (four eyes), another officer can', async () => {
    await checksSeen('in_progress'); // the funding service has heard the task is active
    const created = await gw.api('POST', '/api/v1/funding/allocations', { token: creator, body: draft() });
    expect(created.status, created.text).toBe(201);
    const id = created.json.id;
    const submitted = await gw.api('POST', `/api/v1/funding/allocations/${id}/submit`, as(creator));
    expect(submitted.json.status, submitted.text).toBe('eligibility_checked');
    expect(submitted.json.eligibility.reasons.map((r: Json) => r.rule)).toEqual([
      'ceiling',
      'not_blacklisted',
      'task_active',
    ]);
    expect((await gw.api('POST', `/api/v1/funding/allocations/${id}/review-request`, as(creator))).json.status).toBe(
      'under_review',
    );
    expect((await gw.api('POST', `/api/v1/funding/allocations/${id}/approve`, as(bureau()))).status).toBe(403);
    const own = await gw.api('POST', `/api/v1/funding/allocations/${id}/approve`, as(creator));
    expect(own.status).toBe(403);
    expect(own.json.detail).toContain('four eyes');
    const queue = await gw.api('GET', '/api/v1/funding/approval-queue', as(officer()));
    expect(queue.json.items.map((a: Json) => a.id)).toContain(id);
    const ok = await gw.api('POST', `/api/v1/funding/allocations/${id}/approve`, as(officer()));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.status).toBe('approved');
    const usage = await gw.api('GET', '/api/v1/funding/budgets', {
      token: officer(),
      query: { programmeId: 'ai-industry' },
    });
    expect(usage.json.items[0]).toMatchObject({ budget: 10_000_000, committed: 900_000, available: 9_100_000 });
  });

  it('the card flow: task at_risk → tranches held, the check on the task and a consultation record, each once even when the event comes twice; in_progress → released; accepted → final payable', async () => {
    const [approved] = (
      await gw.api('GET', '/api/v1/funding/allocations', {
        token: officer(),
        query: { taskCode: code, status: 'approved' },
      })
    ).json.items;
    const id = approved.id;
    const move = async (token: string, body: Record<string, string>) =>
      expect((await gw.api('POST', `/api/v1/tasks/${code}/moves`, { token, body })).status).toBe(200);

    await move(bureau(), { move: 'flag_risk', reason: 'supplier delay' });
    const risk = await checksSeen('at_risk');
    expect(risk.allocations.find((a: Json) => a.allocationId === id).tranches.map((t: Json) => t.decision)).toEqual([
      'hold',
      'hold',
      'hold',
    ]);
    expect((await allocation(id)).tranches.map((t: Json) => t.status)).toEqual(['held', 'held', 'held']);

    // The card flow: the same change opened a consultation record, whose agenda names the held funds.
    const record = await recordFor(gw, code, 'risk_review');
    expect(record.reason).toBe('supplier delay');
    // Both effects name the one event that caused them: the check's id and the record's trigger.
    expect(record.trigger.eventId).toBe(risk.id);
    expect(record.suggestedAgenda.some((i: string) => i.startsWith('关联资金：1 笔申请'))).toBe(true);
    // Delivered again (a producer retry past the duplicate window): neither effect happens twice.
    const change = (await streamEvents(nc, prefix)).find((e) => e.id === record.trigger.eventId);
    const h = headers();
    h.set('Nats-Msg-Id', `again-${change.id}`);
    await nc.jetstream().publish(`${prefix}.ev.tasks.task.status_changed`, JSON.stringify(change), { headers: h });
    await new Promise((r) => setTimeout(r, 1_000));
    const checks = (await gw.api('GET', `/api/v1/tasks/${code}/funding-checks`, as(officer()))).json.items;
    expect(checks.filter((c: Json) => c.to === 'at_risk')).toHaveLength(1);
    const records = (await gw.api('GET', '/api/v1/consultations', { token: office(), query: { taskCode: code } })).json
      .items;
    expect(records.filter((r: Json) => r.type === 'risk_review')).toHaveLength(1);
    // The applicant joined the shared organisation registry, under its credit code.
    const applicant = await eventually(async () => {
      const res = await gw.api('GET', '/api/v1/organisations', { token: officer(), query: { q: CREDIT_CODE } });
      return res.json.items?.[0];
    }, 'the applicant in the registry');
    expect(applicant).toMatchObject({ id: CREDIT_CODE, kind: 'enterprise', source: 'funding' });
    const holds = (await gw.api('GET', '/api/v1/funding/ledger', { token: officer(), query: { allocationId: id } }))
      .json.items;
    expect(holds.filter((e: Json) => e.kind === 'hold')).toHaveLength(3);

    await move(bureau(), { move: 'recover' });
    await checksSeen('in_progress', 2);
    expect((await allocation(id)).tranches.map((t: Json) => t.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);

    await move(bureau(), { move: 'complete' });
    await checksSeen('completed');
    await move(office(), { move: 'accept' });
    await checksSeen('accepted');
    expect((await allocation(id)).tranches.map((t: Json) => t.status)).toEqual(['scheduled', 'scheduled', 'payable']);

    const ledger = await gw.api('GET', '/api/v1/funding/ledger', { token: officer(), query: { allocationId: id } });
    expect(ledger.json.items.map((e: Json) => e.kind)).toEqual(
      expect.arrayContaining(['commitment', 'hold', 'hold_lifted', 'payable']),
    );
  });
});
