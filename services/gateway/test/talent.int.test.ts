import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { connect, headers, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Talents } from '../../talent/src/talent/talents';
import { startFundingService, type FundingHarness } from '../../funding/test/funding-service';
import { ENTERPRISE_CREDIT_CODE } from './consultation-fixtures';
import { eventually, startGateway, streamEvents, type Gateway, type Json } from './gateway-harness';
import { startTalentService } from './talent-service';
import { startConsultationsService } from './consultations-service';
import { startCommitteeService, type CommitteeHarness } from '../../committee/test/committee-service';

/**
 * Talent introduction end to end through real HTTP: the pipeline's rules, a package that asks
 * funding for an allocation and follows its approval (exactly once), and personal data that only
 * talent staff and administrators ever receive.
 */
describe('talent', () => {
  let gw: Gateway;
  let funding: FundingHarness;
  let talent: INestMicroservice;
  let committee: CommitteeHarness;
  let consultations: INestMicroservice;
  let nc: NatsConnection;
  const prefix = uniqueToken();
  const staff = () => gw.accounts.talent.token;
  const api = (method: string, path: string, body?: Json, token = staff()) =>
    gw.api(method, path, { token, ...(body !== undefined ? { body } : {}) });
  const person = (extra: Json = {}) => ({
    kind: 'person',
    name: '张明',
    category: 'leading_talent',
    fields: ['machine_vision', 'chips'],
    currentOrganisation: { name: '某海外研究院' },
    targetOrganisation: { name: '合肥某智能科技有限公司', creditCode: ENTERPRISE_CREDIT_CODE },
    source: 'referral',
    contact: { phone: '+86 138 0000 0000', email: 'zhang.ming@example.org' },
    ...extra,
  });
  const moveTo = async (id: string, ...stages: string[]) => {
    for (const to of stages) {
      const res = await api('POST', `/api/v1/talent/${id}/moves`, { to });
      expect(res.status, res.text).toBe(200);
    }
  };

  beforeAll(async () => {
    funding = await startFundingService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    talent = await startTalentService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    committee = await startCommitteeService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    consultations = await startConsultationsService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    gw = await startGateway();
    nc = await connect({ servers: inject('natsUrl') });
    const officer = gw.accounts.funding.token;
    expect((await api('POST', '/api/v1/funding/programmes/seed', undefined, officer)).status).toBe(200);
    const budget = await api(
      'PUT',
      '/api/v1/funding/programmes/high-quality/budgets/2026',
      { amount: 100_000_000_00, reason: '人才专项预算' },
      officer,
    );
    expect(budget.status, budget.text).toBe(200);
  });
  afterAll(async () => {
    await nc?.drain();
    await gw?.close();
    await talent?.close();
    await committee?.close();
    await consultations?.close();
    await funding?.close();
  });

  it('moves a record one stage at a time; declining needs a reason; skipping is refused with the allowed stages', async () => {
    const created = await api('POST', '/api/v1/talent', person());
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ stage: 'identified', stalled: false });
    // Its organisations joined the shared registry (the target under its credit code).
    const target = await eventually(async () => {
      const res = await gw.api('GET', '/api/v1/organisations', {
        token: staff(),
        query: { q: ENTERPRISE_CREDIT_CODE },
      });
      return res.json.items?.[0];
    }, 'the target organisation in the registry');
    expect(target).toMatchObject({ id: ENTERPRISE_CREDIT_CODE, name: '合肥某智能科技有限公司', source: 'talent' });
    const id = created.json.id;
    const skip = await api('POST', `/api/v1/talent/${id}/moves`, { to: 'signed' });
    expect(skip.status).toBe(409);
    expect(skip.json.allowedStages).toEqual(['contacted', 'declined', 'withdrawn']);
    await moveTo(id, 'contacted', 'negotiating');
    const noReason = await api('POST', `/api/v1/talent/${id}/moves`, { to: 'declined' });
    expect(noReason.status).toBe(400);
    const declined = await api('POST', `/api/v1/talent/${id}/moves`, { to: 'declined', note: '已接受其他城市邀请' });
    expect(declined.json.stage).toBe('declined');
    expect(declined.json.history.map((h: Json) => h.to)).toEqual(['contacted', 'negotiating', 'declined']);
    const after = await api('POST', `/api/v1/talent/${id}/moves`, { to: 'contacted' });
    expect(after.status).toBe(409);
    const events = (await streamEvents(nc, prefix)).filter((e) => e.aggregateId === id).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['talent.identified', 'talent.stage_changed', 'talent.declined']));
  });

  it('turns an accepted package into a funding allocation, follows its approval, and applies the decision once', async () => {
    const id = (
      await api(
        'POST',
        '/api/v1/talent',
        person({
          name: '李华团队',
          kind: 'team',
          category: 'innovation_team',
          members: [
            { name: '李华', role: '负责人' },
            { name: '王强', role: '核心成员' },
          ],
        }),
      )
    ).json.id;
    await moveTo(id, 'contacted', 'negotiating');
    const offered = await api('POST', `/api/v1/talent/${id}/package`, {
      terms: [
        { kind: 'research_funding', description: '科研经费', amount: 3_000_000_00 },
        { kind: 'housing_subsidy', description: '安家补贴', amount: 500_000_00 },
        { kind: 'lab_space', description: '实验室 500 平方米' },
      ],
      conditions: '全职引进，服务期不少于五年',
      programmeId: 'high-quality',
      year: 2026,
    });
    expect(offered.status, offered.text).toBe(200);
    expect(offered.json.package).toMatchObject({ version: 1, status: 'offered', amount: 3_500_000_00 });

    const accepted = await api('POST', `/api/v1/talent/${id}/package/decision`, { accept: true });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json.package.allocation).toMatchObject({
      state: 'created',
      programmeId: 'high-quality',
      year: 2026,
    });
    const allocationId = accepted.json.package.allocation.allocationId;
    const again = await api('POST', `/api/v1/talent/${id}/package/decision`, { accept: true });
    expect(again.status).toBe(409);

    // Funding sees a draft talent subsidy, created once (asking again with the package's key gives it back).
    const allocation = await api(
      'GET',
      `/api/v1/funding/allocations/${allocationId}`,
      undefined,
      gw.accounts.funding.token,
    );
    expect(allocation.json).toMatchObject({ status: 'draft', amount: 3_500_000_00, talentId: id });
    const retried = await talent.get(Talents).retryAllocations();
    expect(retried).toBe(0);

    // Two officers: one submits and sends it to review, the other approves (four eyes).
    const second = await gw.throwawayUser({ roles: ['funding_officer'], unitId: 'funding-office' });
    const secondToken = (await gw.signIn(second.username, second.password)).json.accessToken;
    for (const action of ['submit', 'review-request']) {
      const res = await api('POST', `/api/v1/funding/allocations/${allocationId}/${action}`, undefined, secondToken);
      expect(res.status, res.text).toBe(200);
    }
    const approved = await api(
      'POST',
      `/api/v1/funding/allocations/${allocationId}/approve`,
      undefined,
      gw.accounts.funding.token,
    );
    expect(approved.json.status, approved.text).toBe('approved');

    const followed = await eventually(
      async () => {
        const t = await api('GET', `/api/v1/talent/${id}`);
        return t.json.package.allocation.state === 'approved' ? t.json : undefined;
      },
      'the package to follow the approval',
      10_000,
    );
    // The approval delivered again (a producer retry with a new message id) changes nothing more.
    const approval = (await streamEvents(nc, prefix)).find(
      (e) => e.type === 'allocation.approved' && e.aggregateId === allocationId,
    );
    const h = headers();
    h.set('Nats-Msg-Id', `again-${approval.id}`);
    await nc.jetstream().publish(`${prefix}.ev.funding.allocation.approved`, JSON.stringify(approval), { headers: h });
    await new Promise((r) => setTimeout(r, 800));
    // Another allocation's rejection naming this talent is not this package's: it changes nothing.
    const { approvedBy: _by, override: _o, ...facts } = approval.data;
    const foreign = {
      ...approval,
      id: crypto.randomUUID(),
      type: 'allocation.rejected',
      aggregateId: 'al-ffffffffffffffffffffffffffffffff',
      data: { ...facts, allocationId: 'al-ffffffffffffffffffffffffffffffff', reason: '另一笔申请' },
    };
    await nc.jetstream().publish(`${prefix}.ev.funding.allocation.rejected`, JSON.stringify(foreign), {
      msgID: foreign.id,
    });
    await new Promise((r) => setTimeout(r, 800));
    const after = await api('GET', `/api/v1/talent/${id}`);
    expect(after.json.version).toBe(followed.version);
    expect(after.json.package.allocation).toMatchObject({ state: 'approved', allocationId });
  });

  it('gives contact details to talent staff and administrators only — never to the office, bureaus or experts, in any view or export', async () => {
    const id = (await api('POST', '/api/v1/talent', person({ name: '赵敏' }))).json.id;
    await api('POST', `/api/v1/talent/${id}/contacts`, { channel: 'phone', note: '电话沟通来肥意向，私人手机另记' });
    const mine = await api('GET', `/api/v1/talent/${id}`);
    expect(mine.json.contact).toEqual({ phone: '+86 138 0000 0000', email: 'zhang.ming@example.org' });
    expect(mine.json.contactLog).toHaveLength(1);
    const admin = await api('GET', `/api/v1/talent/${id}`, undefined, gw.accounts.admin.token);
    expect(admin.json.contact.phone).toBe('+86 138 0000 0000');

    const office = gw.accounts.office.token;
    const asOffice = await api('GET', `/api/v1/talent/${id}`, undefined, office);
    expect(asOffice.status).toBe(200);
    expect(asOffice.text).not.toContain('138 0000');
    expect(asOffice.text).not.toContain('example.org');
    expect(asOffice.text).not.toContain('私人手机');
    const listed = await gw.api('GET', '/api/v1/talent', { token: office, query: { limit: '500' } });
    expect(listed.json.items.length).toBeGreaterThan(0);
    expect(listed.text).not.toContain('138 0000');
    const csv = await gw.api('GET', '/api/v1/exports/talent', { token: office });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('赵敏');
    expect(csv.text).not.toContain('138 0000');
    expect(csv.text).not.toContain('电话 Phone');
    const book = new ExcelJS.Workbook();
    const staffFile = await fetch(`${gw.baseUrl}/api/v1/exports/talent?format=xlsx`, {
      headers: { authorization: `Bearer ${staff()}` },
    });
    await book.xlsx.load((await staffFile.arrayBuffer()) as ExcelJS.Buffer);
    expect(book.getWorksheet('人才台账')!.getRow(1).values).toContain('电话 Phone');

    for (const account of ['bureauEit', 'expert', 'funding'] as const) {
      const token = gw.accounts[account].token;
      for (const path of [
        `/api/v1/talent/${id}`,
        '/api/v1/talent',
        '/api/v1/exports/talent',
        '/api/v1/talent-figures',
      ]) {
        const res = await gw.api('GET', path, { token });
        expect(res.status, `${account} ${path}`).toBe(403);
        expect(res.text).not.toContain('138 0000');
      }
    }
    // Events never carry contact details.
    const events = (await streamEvents(nc, prefix)).filter((e) => e.aggregateId === id);
    expect(JSON.stringify(events)).not.toContain('138 0000');
  });

  it('flags records with no activity as stalled, and counts onboarded talent against targets', async () => {
    const id = (await api('POST', '/api/v1/talent', person({ name: '孙伟' }))).json.id;
    await talent.get(Talents).records.updateOne({ _id: id } as never, {
      $set: { lastActivityAt: new Date(Date.now() - 40 * 86_400_000).toISOString() },
    });
    const stalled = await gw.api('GET', '/api/v1/talent', { token: staff(), query: { stalled: 'true' } });
    expect(stalled.json.items.map((t: Json) => t.id)).toEqual([id]);

    await moveTo(id, 'contacted', 'negotiating', 'agreed', 'signed', 'onboarded');
    const year = new Date().getUTCFullYear();
    const target = await api(
      'PUT',
      `/api/v1/talent-figures/targets/${year}/leading_talent`,
      { count: 5 },
      gw.accounts.office.token,
    );
    expect(target.status, target.text).toBe(200);
    const figures = await gw.api('GET', '/api/v1/talent-figures', {
      token: gw.accounts.office.token,
      query: { year: String(year) },
    });
    expect(figures.json.rows).toContainEqual({ year, category: 'leading_talent', onboarded: 1, target: 5 });
    const linked = await api('POST', `/api/v1/talent/${id}/links`, { taskCode: '2020-3.3' });
    expect(linked.json.links.taskCodes).toEqual(['2020-3.3']);
    // Appointed to the expert committee as this talent: the record links to the expert by itself.
    const user = await gw.throwawayUser({ roles: ['expert'], unitId: 'committee-secretariat' });
    const appointed = await api(
      'POST',
      '/api/v1/committee/experts',
      {
        userId: user.id,
        name: '孙伟',
        affiliation: { organisation: '合肥某机器人公司' },
        fields: ['robotics'],
        term: { from: `${year}-01-01`, to: `${year + 2}-12-31` },
        talentId: id,
      },
      gw.accounts.secretariat.token,
    );
    expect(appointed.status, appointed.text).toBe(201);
    const withExpert = await eventually(
      async () => {
        const t = await api('GET', `/api/v1/talent/${id}`);
        return t.json.links.expertId ? t.json : undefined;
      },
      'the expert link',
      10_000,
    );
    expect(withExpert.links.expertId).toBe(appointed.json.id);
    const followUp = await api('POST', `/api/v1/talent/${id}/follow-ups`, {
      year,
      stillInCity: true,
      patents: 3,
      products: 1,
      companiesFounded: 1,
    });
    expect(followUp.json.followUps).toEqual([
      { year, stillInCity: true, patents: 3, products: 1, companiesFounded: 1 },
    ]);
  });

  it('refuses bad input and changes nothing', async () => {
    const before = (await gw.api('GET', '/api/v1/talent', { token: staff(), query: { limit: '500' } })).json.items
      .length;
    const cases: Array<[Json, RegExp]> = [
      [person({ kind: 'team' }), /members/],
      [person({ category: 'genius' }), /category/],
      [person({ fields: ['telepathy'] }), /fields/],
      [person({ targetOrganisation: { name: 'x', creditCode: '91340100MA2TXXXX0X' } }), /credit code/],
      [{ ...person(), extra: 1 }, /extra/],
    ];
    for (const [body, detail] of cases) {
      const res = await api('POST', '/api/v1/talent', body);
      expect(res.status, res.text).toBe(400);
      expect(res.text).toMatch(detail);
    }
    const id = (await api('POST', '/api/v1/talent', person({ targetOrganisation: { name: '无代码单位' } }))).json.id;
    await moveTo(id, 'contacted', 'negotiating');
    const fractional = await api('POST', `/api/v1/talent/${id}/package`, {
      terms: [{ kind: 'research_funding', description: '经费', amount: 10.5 }],
      programmeId: 'high-quality',
      year: 2026,
    });
    expect(fractional.status).toBe(400);
    const noCode = await api('POST', `/api/v1/talent/${id}/package`, {
      terms: [{ kind: 'research_funding', description: '经费', amount: 1000 }],
      programmeId: 'high-quality',
      year: 2026,
    });
    expect(noCode.status).toBe(400);
    expect(noCode.text).toMatch(/credit code/);
    const asOffice = await api('POST', '/api/v1/talent', person(), gw.accounts.office.token);
    expect(asOffice.status).toBe(403);
    const t = await api('GET', `/api/v1/talent/${id}`);
    expect(t.json.package).toBeUndefined();
    const after = (await gw.api('GET', '/api/v1/talent', { token: staff(), query: { limit: '500' } })).json.items
      .length;
    expect(after).toBe(before + 1);
  });
});
