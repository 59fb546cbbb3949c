import { EXPERT_FIELDS } from '@aiplat/contracts';
import type { INestMicroservice } from '@nestjs/common';
import { uniqueToken } from '@aiplat/testing';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommitteeService, type CommitteeHarness } from '../../committee/test/committee-service';
import { ARTIFACTS, launchBrowser, signedInPage } from './browser';
import { EXPERT_TERM, reviewRequest } from './committee-fixtures';
import { eventually, startGateway, type Gateway, type Json } from './gateway-harness';
import { startTasksService } from './tasks-service';

/**
 * The expert's inbox in the web console, in a real browser against the real gateway, tasks and
 * committee services: a task completed through the API yields an acceptance appraisal whose panel
 * (size 1) is the harness's expert, who therefore chairs it. In the console the expert declares no
 * conflict of interest, scores every criterion of the rubric, concludes, and records advice.
 * Screenshots are kept in test-artifacts/console/committee-*.png.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');
const LAPTOP = { width: 1280, height: 800 };

describe('web console: the expert’s inbox', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let committee: CommitteeHarness;
  let browser: Browser;
  let review: Json;
  const prefix = uniqueToken();

  beforeAll(async () => {
    tasks = await startTasksService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    committee = await startCommitteeService({ AIPLAT_TOPOLOGY_PREFIX: prefix, REVIEW_PANEL_SIZE: '1' });
    browser = await launchBrowser(); // first: it points the gateway at the built console
    gw = await startGateway();
    const office = gw.accounts.office.token;
    const imported = await gw.api('POST', '/api/v1/plans/import', {
      token: office,
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(imported.status).toBe(200);
    const all: Json[] = (
      await gw.api('GET', '/api/v1/tasks', { token: office, query: { limit: '500', topLevelOnly: 'true' } })
    ).json.items;
    const code = all.find((t) => t.leadUnitIds.includes(gw.accounts.bureauEit.unitId))!.code as string;

    const appointed = await gw.api('POST', '/api/v1/committee/experts', {
      token: gw.accounts.secretariat.token,
      body: {
        userId: gw.accounts.expert.id,
        name: gw.accounts.expert.displayName,
        affiliation: { organisation: '合肥工业大学' },
        fields: [...EXPERT_FIELDS],
        term: EXPERT_TERM,
      },
    });
    expect(appointed.status, appointed.text).toBe(201);

    for (const [move, token] of [
      ['assign', office],
      ['start', gw.accounts.bureauEit.token],
      ['complete', gw.accounts.bureauEit.token],
    ] as const) {
      const res = await gw.api('POST', `/api/v1/tasks/${code}/moves`, { token, body: { move } });
      expect(res.status, res.text).toBe(200);
    }
    review = await eventually(
      async () => {
        const res = await gw.api('GET', '/api/v1/committee/reviews', {
          token: gw.accounts.secretariat.token,
          query: { taskCode: code },
        });
        return res.json.items?.[0];
      },
      'the acceptance appraisal',
      15_000,
    );
    expect(review).toMatchObject({ type: 'acceptance_appraisal', status: 'open' });
    expect(review.panel).toHaveLength(1);
    expect(review.panel[0]).toMatchObject({ expertId: appointed.json.id, role: 'chair' });
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await committee?.close();
    await tasks?.close();
    delete process.env.CONSOLE_DIR;
  });

  const eventuallyUi = { timeout: 10_000 };

  it('the expert declares, scores and concludes the appraisal in the console; the review shows concluded', async () => {
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.expert, LAPTOP);
    try {
      await page.getByTestId('nav-committee.advise').click();
      const row = page.getByTestId(`inbox-row-${review.id}`);
      await row.waitFor(eventuallyUi);
      expect(await row.getByTestId('inbox-step').getAttribute('data-step')).toBe('declare');
      expect(await row.getByTestId('inbox-role').textContent()).toBe('组长');
      await page.screenshot({ path: join(ARTIFACTS, 'committee-inbox.png'), fullPage: true });

      await row.getByTestId('inbox-review-link').click();
      // Before declaring: only the assignment, no material and no scoring form.
      await page.getByTestId('review-assignment').waitFor(eventuallyUi);
      expect(await page.getByTestId('review-material').count()).toBe(0);
      expect(await page.getByTestId('score-form').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'committee-assignment.png'), fullPage: true });

      await page.getByTestId('review-declare').click();
      await page.getByTestId('review-material').waitFor(eventuallyUi);
      expect(await page.getByTestId('review-material').textContent()).toContain(review.taskCode);
      expect(await page.getByTestId('review-assignment').count()).toBe(0);

      // Nothing picked: the form says what is missing and sends nothing.
      await page.getByTestId('score-submit').click();
      await page.getByTestId('score-comment-error').waitFor();
      expect(await page.locator('*:focus').getAttribute('id')).toBe('score-objectives_met-1');

      for (const [criterion, value] of Object.entries({
        objectives_met: 4,
        quality: 4,
        funds_use: 3,
        documentation: 5,
      }))
        await page.getByTestId(`score-${criterion}-${value}`).check();
      expect(await page.getByTestId('score-preview').textContent()).toContain('4.00');
      await page.getByTestId('score-comment').fill('按期完成，成果质量较好');
      await page.screenshot({ path: join(ARTIFACTS, 'committee-scoring.png'), fullPage: true });
      await page.getByTestId('score-submit').click();

      // The only member has scored: the chair's conclusion form appears.
      const form = page.getByTestId('conclusion-form');
      await form.waitFor(eventuallyUi);
      expect(await form.getByRole('radio').count()).toBe(2); // pass / fail for an appraisal
      await page.getByTestId('conclusion-submit').click();
      await page.getByTestId('conclusion-summary-error').waitFor();
      await page.getByTestId('conclusion-pass').check();
      await page.getByTestId('conclusion-summary').fill('任务目标完成，同意通过验收');
      await page.getByTestId('conclusion-submit').click();

      const concluded = page.getByTestId('review-conclusion-value');
      await concluded.waitFor(eventuallyUi);
      expect(await concluded.getAttribute('data-conclusion')).toBe('pass');
      expect(await page.getByTestId('review-conclusion-score').textContent()).toBe('4');
      expect(await page.getByTestId('review-detail').getAttribute('data-status')).toBe('concluded');
      expect(await page.getByTestId('review-step').getAttribute('data-step')).toBe('done');
      await page.screenshot({ path: join(ARTIFACTS, 'committee-concluded.png'), fullPage: true });

      const seen = await gw.api('GET', `/api/v1/committee/reviews/${review.id}`, {
        token: gw.accounts.secretariat.token,
      });
      expect(seen.json).toMatchObject({ status: 'concluded', conclusion: { conclusion: 'pass', weightedScore: 4 } });

      await page.getByTestId('review-back').click();
      await expect
        .poll(() => page.getByTestId(`inbox-row-${review.id}`).getByTestId('inbox-step').getAttribute('data-step'))
        .toBe('done');
    } finally {
      await page.close();
    }
  });

  it('the expert declines a review with a reason; the reason is required and the review leaves their to-do', async () => {
    const requested = await gw.api('POST', '/api/v1/committee/reviews', {
      token: gw.accounts.secretariat.token,
      body: reviewRequest(),
    });
    expect(requested.status, requested.text).toBe(201);
    const id: string = requested.json.id;
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.expert, LAPTOP);
    try {
      await page.goto(`${gw.baseUrl}/#/inbox/reviews/${id}`);
      await page.getByTestId('review-decline').click();
      await page.getByTestId('reason-dialog').waitFor();
      await page.getByTestId('reason-submit').click();
      await page.getByTestId('reason-error').waitFor();
      await page.getByTestId('reason-input').fill('本人曾参与该产业链规划编制，存在利益冲突');
      await page.getByTestId('reason-submit').click();
      await expect.poll(() => page.getByTestId('review-step').getAttribute('data-step'), eventuallyUi).toBe('declined');
      expect(await page.getByTestId('review-assignment').count()).toBe(0);
      expect(await page.getByTestId('review-material').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'committee-declined.png'), fullPage: true });
      const seen = await gw.api('GET', `/api/v1/committee/reviews/${id}`, { token: gw.accounts.secretariat.token });
      expect(seen.json.panel[0]).toMatchObject({
        status: 'declined',
        declineReason: expect.stringContaining('利益冲突'),
      });
    } finally {
      await page.close();
    }
  });

  it('the expert records advice with recommendations and sees it in their list', async () => {
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.expert, LAPTOP);
    try {
      await page.goto(`${gw.baseUrl}/#/inbox`);
      await page.getByTestId('advice-form').waitFor();
      await page.getByTestId('advice-submit').click();
      await page.getByTestId('advice-ref-error').waitFor();
      await page.getByTestId('advice-kind').selectOption('strategic_question');
      await page.getByTestId('advice-ref').fill('传感器产业链');
      await page.getByTestId('advice-title').fill('关于传感器产业链补链的建议');
      await page.getByTestId('advice-text').fill('建议加强上下游协同。');
      await page.getByTestId('advice-recommendations').fill('设立专项基金\n\n引进龙头企业');
      await page.getByTestId('advice-submit').click();
      await expect.poll(() => page.getByTestId('advice-message').textContent(), eventuallyUi).toContain('已提交');
      const item = page.getByTestId('advice-item').first();
      expect(await item.textContent()).toContain('关于传感器产业链补链的建议');
      expect(await item.locator('li').count()).toBe(2);
      await page.screenshot({ path: join(ARTIFACTS, 'committee-advice.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
