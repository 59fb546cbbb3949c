import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFundingService, type FundingHarness } from '../../funding/test/funding-service';
import { ARTIFACTS, launchBrowser, signedInPage } from './browser';
import { eventually, startGateway, type Gateway, type Json, type TestUser } from './gateway-harness';
import { startTasksService } from './tasks-service';

/**
 * Policy funds in the web console, in a real browser against the real gateway, tasks and funding
 * services. A second funding officer creates allocations on an active task and sends them to
 * review through the API; the harness's officer approves one from the approval queue and the budget
 * dashboard shows it committed; the creator, trying to approve their own, sees the four-eyes
 * refusal; the task page shows the allocations and the funding check of a move to at risk.
 * Screenshots are kept in test-artifacts/console/funding-*.png.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');
const LAPTOP = { width: 1280, height: 900 };
const BUDGET = 10_000_000; // ¥100,000.00
const AMOUNT = 900_000; // ¥9,000.00

describe('web console: funding', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let funding: FundingHarness;
  let browser: Browser;
  let creator: TestUser;
  let creatorToken: string;
  let code: string;
  const prefix = uniqueToken();
  const wait = { timeout: 10_000 };

  /** An allocation on the task, created, submitted and sent to review by the second officer. */
  async function underReview(applicant: string): Promise<string> {
    const token = creatorToken;
    const created = await gw.api('POST', '/api/v1/funding/allocations', {
      token,
      body: {
        programmeId: 'ai-industry',
        year: 2026,
        applicant: { name: applicant, creditCode: '91350100M000100Y43', unit: 'city-economy-it' },
        taskCode: code,
        amount: AMOUNT,
        purpose: '智能语音产业集群建设',
        tranches: [
          { title: '启动', amount: 300_000, trigger: 'milestone', milestone: '签订合同' },
          { title: '中期', amount: 300_000, trigger: 'milestone', milestone: '中期评估' },
          { title: '验收', amount: 300_000, trigger: 'acceptance' },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    const id: string = created.json.id;
    for (const [action, status] of [
      ['submit', 'eligibility_checked'],
      ['review-request', 'under_review'],
    ]) {
      const res = await gw.api('POST', `/api/v1/funding/allocations/${id}/${action}`, { token });
      expect(res.json.status, res.text).toBe(status);
    }
    return id;
  }

  beforeAll(async () => {
    tasks = await startTasksService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    funding = await startFundingService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
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
    code = all.find((t) => t.leadUnitIds.includes(gw.accounts.bureauEit.unitId))!.code;
    const move = (body: Json, token: string) => gw.api('POST', `/api/v1/tasks/${code}/moves`, { token, body });
    expect((await move({ move: 'assign' }, office)).status).toBe(200);
    expect((await move({ move: 'start' }, gw.accounts.bureauEit.token)).status).toBe(200);

    creator = await gw.throwawayUser({ roles: ['funding_officer'], unitId: 'funding-office' });
    creatorToken = (await gw.signIn(creator.username, creator.password)).json.accessToken;
    expect((await gw.api('POST', '/api/v1/funding/programmes/seed', { token: creatorToken })).status).toBe(200);
    const budget = await gw.api('PUT', '/api/v1/funding/programmes/ai-industry/budgets/2026', {
      token: creatorToken,
      body: { amount: BUDGET, reason: '2026 年度预算' },
    });
    expect(budget.status, budget.text).toBe(200);
    // The funding service has heard that the task is active (its eligibility rule needs it).
    await eventually(
      async () => {
        const res = await gw.api('GET', `/api/v1/tasks/${code}/funding-checks`, { token: creatorToken });
        return (res.json.items ?? []).some((c: Json) => c.to === 'in_progress') || undefined;
      },
      'the funding check of the start',
      10_000,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await funding?.close();
    await tasks?.close();
    delete process.env.CONSOLE_DIR;
  });

  const committedOn = (page: Page) =>
    page.locator(
      '[data-testid="budget-row"][data-programme="ai-industry"][data-year="2026"] [data-testid="budget-committed"]',
    );

  it('an officer approves an allocation from the queue and the budget dashboard shows it committed', async () => {
    const id = await underReview('合肥智能语音科技有限公司');
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.funding, LAPTOP);
    try {
      // Before: nothing committed.
      await page.goto(`${gw.baseUrl}/#/funding/budgets`);
      await committedOn(page).waitFor(wait);
      expect(await committedOn(page).getAttribute('data-fen')).toBe('0');

      // The funding menu opens the officer's approval queue.
      await page.getByTestId('nav-funding.view').click();
      const row = page.locator(`[data-testid="funding-queue-row"][data-id="${id}"]`);
      await row.waitFor(wait);
      expect(await row.textContent()).toContain('¥9,000.00');
      await page.screenshot({ path: join(ARTIFACTS, 'funding-queue.png'), fullPage: true });
      await row.getByTestId('funding-queue-open').click();

      await page.getByTestId('allocation-detail').waitFor(wait);
      expect(await page.getByTestId('allocation-status').getAttribute('data-status')).toBe('under_review');
      expect(await page.getByTestId('allocation-amount').textContent()).toBe('¥9,000.00');
      expect(await page.getByTestId('allocation-tranche').count()).toBe(3);
      const reasons = page.getByTestId('eligibility-reason');
      expect(await reasons.count()).toBe(3);
      expect(await reasons.evaluateAll((els) => els.map((el) => el.getAttribute('data-passed')))).toEqual([
        'true',
        'true',
        'true',
      ]);
      expect(await page.getByTestId('allocation-four-eyes-hint').count()).toBe(0);
      await page.getByTestId('allocation-approve').click();
      await expect.poll(() => page.getByTestId('allocation-status').getAttribute('data-status'), wait).toBe('approved');
      expect(await page.getByTestId('allocation-action-done').textContent()).toContain('已批准');

      // The first tranche's milestone is reached, then it is paid out.
      const firstTranche = () => page.getByTestId('allocation-tranche-status').first().getAttribute('data-status');
      await page.getByTestId('tranche-0-make_payable').click();
      await expect.poll(firstTranche, wait).toBe('payable');
      await page.getByTestId('tranche-0-disburse').click();
      await expect.poll(firstTranche, wait).toBe('disbursed');
      expect(await page.getByTestId('allocation-action-done').textContent()).toContain('第 1 批');
      await page.screenshot({ path: join(ARTIFACTS, 'funding-approved.png'), fullPage: true });

      // After: the rest is committed, the first tranche disbursed, and less is available.
      await page.getByTestId('funding-tab-budgets').click();
      await expect.poll(() => committedOn(page).getAttribute('data-fen'), wait).toBe(String(AMOUNT - 300_000));
      const row2026 = page.locator('[data-testid="budget-row"][data-programme="ai-industry"][data-year="2026"]');
      expect(await row2026.getByTestId('budget-disbursed').getAttribute('data-fen')).toBe('300000');
      expect(await row2026.getByTestId('budget-available').getAttribute('data-fen')).toBe(String(BUDGET - AMOUNT));
      expect(await row2026.getByRole('img').getAttribute('aria-label')).toContain('¥6,000.00');
      await page.screenshot({ path: join(ARTIFACTS, 'funding-budgets.png'), fullPage: true });

      // The ledger has the commitment.
      await page.getByTestId('funding-tab-ledger').click();
      await page.getByTestId('ledger-allocationId').fill(id);
      await page.getByTestId('ledger-apply').click();
      await expect
        .poll(
          () => page.getByTestId('ledger-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind'))),
          wait,
        )
        .toEqual(expect.arrayContaining(['commitment', 'payable', 'disbursement']));
      // …and downloads as CSV for the year.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('ledger-export-csv').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^资金台账-\d{4}\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain(id);
      expect(csv).toContain(',disbursement,');
    } finally {
      await page.close();
    }
  });

  it('the creator is refused approval by the four-eyes rule, and the page says so', async () => {
    const id = await underReview('合肥类脑智能有限公司');
    const page = await signedInPage(browser, gw.baseUrl, creator, LAPTOP);
    try {
      await page.goto(`${gw.baseUrl}/#/funding/allocations/${id}`);
      await page.getByTestId('allocation-detail').waitFor(wait);
      await page.getByTestId('allocation-four-eyes-hint').waitFor();
      await page.getByTestId('allocation-approve').click();
      const error = page.getByTestId('task-move-error');
      await error.waitFor(wait);
      expect(await error.textContent()).toContain('四眼原则');
      expect(await page.getByTestId('allocation-status').getAttribute('data-status')).toBe('under_review');
      await page.screenshot({ path: join(ARTIFACTS, 'funding-four-eyes.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('the task page shows its allocations and the funding check of a move to at risk', async () => {
    const flagged = await gw.api('POST', `/api/v1/tasks/${code}/moves`, {
      token: gw.accounts.bureauEit.token,
      body: { move: 'flag_risk', reason: '配套资金未到位' },
    });
    expect(flagged.status, flagged.text).toBe(200);
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.funding, LAPTOP);
    try {
      await expect
        .poll(
          async () => {
            await page.goto(`${gw.baseUrl}/#/tasks/${code}`);
            await page.getByTestId('task-funding').getByRole('heading').waitFor();
            await page
              .getByTestId('funding-checks')
              .waitFor({ timeout: 5_000 })
              .catch(() => undefined);
            return page.getByTestId('funding-check').evaluateAll((els) => els.map((el) => el.getAttribute('data-to')));
          },
          { timeout: 20_000 },
        )
        .toContain('at_risk');
      expect(await page.getByTestId('task-allocation').count()).toBe(2);
      // The approved allocation's tranches were held by the check.
      expect(await page.getByTestId('funding-check-decision').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(ARTIFACTS, 'funding-task.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
