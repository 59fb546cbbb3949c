import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommitteeService, type CommitteeHarness } from '../../committee/test/committee-service';
import { startFundingService, type FundingHarness } from '../../funding/test/funding-service';
import { EXPERT_TERM } from './committee-fixtures';
import { allocationAt, fundingDraft } from './funding-fixtures';
import { eventually, startGateway, type Gateway, type Json } from './gateway-harness';
import { startTasksService } from './tasks-service';

/**
 * The expert committee end to end through real HTTP: a task completed through the tasks API →
 * task.status_changed on JetStream → the committee opens an acceptance appraisal with a panel that
 * leaves out the lead unit's expert → the experts declare, score, and the chair concludes.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');

describe('committee routes', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let committee: CommitteeHarness;
  let funding: FundingHarness;
  let code: string;
  /** Another task led by the same unit, for the review the office asks for. */
  let officeReviewCode: string;
  /** Expert id → access token, for the four experts this suite appoints. */
  const tokens = new Map<string, string>();
  let conflictedExpert = '';
  const prefix = uniqueToken();

  const office = () => gw.accounts.office.token;
  const secretariat = () => gw.accounts.secretariat.token;
  const bureau = () => gw.accounts.bureauEit.token;

  async function appointExpert(affiliation: Json): Promise<string> {
    const user = await gw.throwawayUser({ roles: ['expert'], unitId: 'committee-secretariat' });
    const res = await gw.api('POST', '/api/v1/committee/experts', {
      token: secretariat(),
      body: { userId: user.id, name: user.username, affiliation, fields: ['intelligent_speech'], term: EXPERT_TERM },
    });
    expect(res.status, res.text).toBe(201);
    tokens.set(res.json.id, (await gw.signIn(user.username, user.password)).json.accessToken);
    return res.json.id;
  }

  beforeAll(async () => {
    tasks = await startTasksService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    committee = await startCommitteeService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    funding = await startFundingService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    gw = await startGateway();
    const imported = await gw.api('POST', '/api/v1/plans/import', {
      token: office(),
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(imported.status).toBe(200);
    const all: Json[] = (
      await gw.api('GET', '/api/v1/tasks', { token: office(), query: { limit: '500', topLevelOnly: 'true' } })
    ).json.items;
    const eitTasks = all.filter((t) => t.leadUnitIds.includes(gw.accounts.bureauEit.unitId));
    code = eitTasks[0]!.code;
    officeReviewCode = eitTasks[1]!.code;
    conflictedExpert = await appointExpert({ organisation: '市经信局', unitId: gw.accounts.bureauEit.unitId });
    for (let i = 0; i < 3; i++) await appointExpert({ organisation: `研究院 ${i}` });
  });
  afterAll(async () => {
    await gw?.close();
    await committee?.close();
    await funding?.close();
    await tasks?.close();
  });

  const api = (method: string, path: string, token: string, body?: unknown) =>
    gw.api(method, path, { token, ...(body !== undefined ? { body } : {}) });

  it('refuses bad input with 400 and a bureau with 403, changing nothing', async () => {
    const before = (await api('GET', '/api/v1/committee/experts', office())).json.items.length;
    for (const body of [
      {
        userId: 'u',
        name: 'x',
        affiliation: { organisation: 'x', creditCode: '91350100M000100Y44' },
        fields: ['chips'],
        term: EXPERT_TERM,
      },
      { userId: 'u', name: 'x', affiliation: { organisation: 'x' }, fields: ['alchemy'], term: EXPERT_TERM },
      { userId: 'u', name: 'x', affiliation: { organisation: 'x' }, fields: [], term: EXPERT_TERM },
      {
        userId: 'u',
        name: 'x',
        affiliation: { organisation: 'x' },
        fields: ['chips'],
        term: { from: '2027-01-01', to: '2026-01-01' },
      },
    ]) {
      const res = await api('POST', '/api/v1/committee/experts', secretariat(), body);
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const notAnExpert = await gw.throwawayUser({ roles: ['bureau'] });
    for (const userId of [notAnExpert.id, 'no-such-user']) {
      const res = await api('POST', '/api/v1/committee/experts', secretariat(), {
        userId,
        name: 'x',
        affiliation: { organisation: 'x' },
        fields: ['chips'],
        term: EXPERT_TERM,
      });
      expect(res.status, res.text).toBe(422);
      expect(res.json.errors?.[0]?.path ?? res.text).toContain('userId');
    }
    expect((await api('GET', '/api/v1/committee/reviews', bureau())).status).toBe(403);
    expect((await api('GET', '/api/v1/committee/experts', office())).json.items.length).toBe(before);
  });

  it('a task completed through the API gets an appraisal panel without the lead unit’s expert; experts declare, score, the chair concludes', async () => {
    for (const [move, token] of [
      ['assign', office()],
      ['start', bureau()],
      ['complete', bureau()],
    ] as const) {
      const res = await api('POST', `/api/v1/tasks/${code}/moves`, token, { move });
      expect(res.status, res.text).toBe(200);
    }
    const review: Json = await eventually(
      async () => {
        const res = await gw.api('GET', '/api/v1/committee/reviews', {
          token: secretariat(),
          query: { taskCode: code },
        });
        return res.json.items?.[0];
      },
      'the acceptance appraisal',
      15_000,
    );
    expect(review).toMatchObject({ type: 'acceptance_appraisal', taskCode: code, status: 'open', understaffed: false });
    const panel: Json[] = review.panel;
    expect(panel).toHaveLength(3);
    expect(panel.map((m) => m.expertId)).not.toContain(conflictedExpert);
    const chair = panel.find((m) => m.role === 'chair').expertId as string;
    const path = `/api/v1/committee/reviews/${review.id}`;

    // Before declaring: only the fact of the assignment. Not on the panel: nothing at all.
    const member = tokens.get(panel[1].expertId)!;
    const early = await api('GET', path, member);
    expect(early.json).toMatchObject({ visibility: 'assignment_only' });
    expect(early.json.material).toBeUndefined();
    expect((await api('GET', path, tokens.get(conflictedExpert)!)).status).toBe(404);
    const mine = await api('GET', '/api/v1/committee/reviews', member);
    expect(mine.json.items.map((r: Json) => r.id)).toEqual([review.id]);

    const sheet = { objectives_met: 4, quality: 4, funds_use: 3, documentation: 5 }; // 4×.4+4×.3+3×.15+5×.15 = 4
    for (const m of panel) {
      const token = tokens.get(m.expertId)!;
      expect((await api('PUT', `${path}/scores`, token, { scores: sheet, comment: 'early' })).status).toBe(409);
      const declared = await api('POST', `${path}/declaration`, token);
      expect(declared.json.visibility, declared.text).toBe('full');
      expect(declared.json.material.facts.task).toBe(code);
      const bad = await api('PUT', `${path}/scores`, token, { scores: { ...sheet, quality: 6 }, comment: 'x' });
      expect(bad.status).toBe(400);
      const scored = await api('PUT', `${path}/scores`, token, { scores: sheet, comment: '按期完成' });
      expect(scored.status, scored.text).toBe(200);
    }
    const byMember = await api('POST', `${path}/conclusion`, member, { conclusion: 'pass', summary: 'x' });
    expect(byMember.status).toBe(403);
    const concluded = await api('POST', `${path}/conclusion`, tokens.get(chair)!, {
      conclusion: 'pass',
      summary: '任务目标完成，同意通过验收',
    });
    expect(concluded.status, concluded.text).toBe(200);
    expect(concluded.json.conclusion).toMatchObject({ conclusion: 'pass', weightedScore: 4 });
    const seen = await api('GET', path, office());
    expect(seen.json).toMatchObject({ status: 'concluded', conclusion: { conclusion: 'pass' } });

    const events = await eventually(
      async () => {
        const found = (await committee.events('review.concluded')).filter((e) => e.data.reviewId === review.id);
        return found.length ? found : undefined;
      },
      'review.concluded',
      10_000,
    );
    expect(events[0].data).toMatchObject({ taskCode: code, conclusion: 'pass', weightedScore: 4, panelSize: 3 });
    expect(events[0].correlationId).toBeTruthy();
    // The tasks service shows the conclusion on the task.
    const shown = await eventually(
      async () => {
        const t = await api('GET', `/api/v1/tasks/${code}`, office());
        return t.json.appraisal ? t.json : undefined;
      },
      'the appraisal on the task',
      10_000,
    );
    expect(shown.appraisal).toMatchObject({ reviewId: review.id, conclusion: 'pass', weightedScore: 4, panelSize: 3 });
    expect(shown.activity.at(-1)).toMatchObject({ kind: 'appraisal_concluded', detail: 'pass (4)' });
  });

  it('an allocation sent to review by funding gets an allocation review without the applicant’s experts', async () => {
    const applicantsOwn = await appointExpert({ organisation: fundingDraft().applicant.name });
    // Leave two other serving experts: without the exclusion the applicant's expert would fill the third seat.
    const others = [...tokens.keys()].filter((e) => e !== applicantsOwn);
    const kept = others.filter((e) => e !== conflictedExpert).slice(0, 2);
    for (const e of others.filter((x) => !kept.includes(x))) {
      const res = await api('POST', `/api/v1/committee/experts/${e}/suspend`, office(), {
        reason: 'test: fewer experts',
      });
      expect(res.status, res.text).toBe(200);
    }
    const allocationId = await allocationAt(gw, 'under_review');
    const review: Json = await eventually(
      async () => {
        const res = await gw.api('GET', '/api/v1/committee/reviews', { token: secretariat(), query: { limit: '50' } });
        return (res.json.items ?? []).find((r: Json) => r.allocationId === allocationId);
      },
      'the allocation review',
      15_000,
    );
    expect(review).toMatchObject({ type: 'allocation_review', subject: { kind: 'allocation', ref: allocationId } });
    expect(review.panel.map((m: Json) => m.expertId).sort()).toEqual([...kept].sort());
    expect(review.understaffed).toBe(true);
    expect(review.material.facts.applicant).toBe(fundingDraft().applicant.name);

    // The panel scores, the chair concludes: funding records the conclusion on the allocation.
    const path = `/api/v1/committee/reviews/${review.id}`;
    const sheet = { innovation: 4, feasibility: 4, industrial_impact: 4, team: 4 };
    for (const m of review.panel as Json[]) {
      const token = tokens.get(m.expertId)!;
      expect((await api('POST', `${path}/declaration`, token)).status).toBe(200);
      expect((await api('PUT', `${path}/scores`, token, { scores: sheet, comment: '可行' })).status).toBe(200);
    }
    const chair = (review.panel as Json[]).find((m) => m.role === 'chair').expertId as string;
    const concluded = await api('POST', `${path}/conclusion`, tokens.get(chair)!, {
      conclusion: 'approve_with_conditions',
      summary: '建议支持',
      conditions: '分两期拨付',
    });
    expect(concluded.status, concluded.text).toBe(200);
    const recorded = await eventually(
      async () => {
        const a = await api('GET', `/api/v1/funding/allocations/${allocationId}`, gw.accounts.funding.token);
        return a.json.review ? a.json : undefined;
      },
      'the conclusion on the allocation',
      10_000,
    );
    expect(recorded.review).toMatchObject({
      conclusion: 'recommend',
      reviewId: review.id,
      weightedScore: 4,
      conditions: '分两期拨付',
      summary: '建议支持',
    });
  });

  it('a review the office asks for keeps the task lead unit’s expert off the panel, with no conflicts named', async () => {
    // The least loaded expert of all: chosen first, were it not for the conflict.
    const leadUnitsOwn = await appointExpert({ organisation: '市经信局', unitId: gw.accounts.bureauEit.unitId });
    const res = await api('POST', '/api/v1/committee/reviews', office(), {
      title: '专项评估论证',
      subject: { kind: 'task', ref: officeReviewCode },
      material: '请专家委员会对该任务的实施方案开展评估论证。',
      fields: ['intelligent_speech'],
    });
    expect(res.status, res.text).toBe(201);
    const panel = (res.json.panel as Json[]).map((m) => m.expertId);
    expect(panel.length).toBeGreaterThan(0);
    expect(panel).not.toContain(leadUnitsOwn);
  });
});
