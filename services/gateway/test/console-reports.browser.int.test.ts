import type { INestMicroservice } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, signedInPage } from './browser';
import { startGateway, type AccountName, type Gateway, type Json } from './gateway-harness';
import { startTasksService } from './tasks-service';

/**
 * Progress reports in the web console, in a real browser against the real gateway and tasks
 * service: a lead unit (市经信局) reports its monthly progress with a milestone done, the office
 * returns the report for rework, the unit resubmits it from the pre-filled form, completes the
 * task, and the office accepts it; the task's timeline shows the reports and the acceptance.
 * Screenshots are kept in test-artifacts/console/reports-*.png.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');
const LAPTOP = { width: 1280, height: 800 };
const MILESTONES = [
  { title: '完成应用场景清单', dueDate: '2030-06-30' },
  { title: '发布首批示范项目', dueDate: '2030-12-31' },
];

describe('web console: progress reports', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let browser: Browser;
  /** A top-level task led by bureauEit's unit, assigned, with two open milestones. */
  let task: Json;

  beforeAll(async () => {
    tasks = await startTasksService();
    browser = await launchBrowser(); // first: it points the gateway at the built console
    gw = await startGateway();
    const office = gw.accounts.office.token;
    const imported = await gw.api('POST', '/api/v1/plans/import', {
      token: office,
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(imported.status).toBe(200);
    const all: Json[] = (await gw.api('GET', '/api/v1/tasks', { token: office, query: { limit: '500' } })).json.items;
    const eit = gw.accounts.bureauEit.unitId;
    const found = all.find(
      (t) => !t.parentCode && !all.some((c) => c.parentCode === t.code) && t.leadUnitIds.includes(eit),
    );
    expect(found).toBeDefined();

    const assigned = await gw.api('POST', `/api/v1/tasks/${found!.code}/moves`, {
      token: office,
      body: { move: 'assign', expectedVersion: found!.version },
    });
    expect(assigned.status).toBe(200);
    const edited = await gw.api('PATCH', `/api/v1/tasks/${found!.code}`, {
      token: office,
      body: { changes: { milestones: MILESTONES }, expectedVersion: assigned.json.version },
    });
    expect(edited.status).toBe(200);
    task = edited.json;
    expect(task.milestones).toHaveLength(2);
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await tasks?.close();
    delete process.env.CONSOLE_DIR;
  });

  const signedIn = (name: AccountName) => signedInPage(browser, gw.baseUrl, gw.accounts[name], LAPTOP);

  async function openTask(page: Page) {
    await page.goto(`${gw.baseUrl}/#/tasks/${task.code}`);
    await page.getByTestId('task-detail').waitFor();
    await page.getByTestId('task-timeline').waitFor();
  }

  const statusOf = (page: Page) => page.getByTestId('task-status').getAttribute('data-status');
  const eventually = { timeout: 10_000 };
  const timelineKinds = (page: Page) =>
    page.getByTestId('timeline-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));

  it('the lead unit reports progress with a milestone done; the office returns it; the unit resubmits', async () => {
    const bureau = await signedIn('bureauEit');
    try {
      await openTask(bureau);
      const form = bureau.getByTestId('report-form');
      await form.waitFor();
      // This month in China time is filled in. A bureau sees the task's consultations, not its funding.
      expect(await bureau.getByTestId('report-period').inputValue()).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      expect(await bureau.getByTestId('task-funding').count()).toBe(0);
      expect(await bureau.getByTestId('task-consultations').count()).toBe(1);

      // Nothing filled in: the form says what is missing and sends nothing.
      await bureau.getByTestId('report-submit').click();
      await bureau.getByTestId('report-narrative-error').waitFor();
      expect(await bureau.locator('*:focus').getAttribute('id')).toBe('report-narrative');

      await bureau.getByTestId('report-narrative').fill('完成场景征集，形成清单初稿。');
      await bureau.getByTestId('report-progress').fill('40');
      // A month not yet begun: the server refuses it and its explanation shows next to the form.
      const thisMonth = await bureau.getByTestId('report-period').inputValue();
      await bureau.getByTestId('report-period').fill('2099-01');
      await bureau.getByTestId('report-submit').click();
      await bureau.getByTestId('report-error').waitFor(eventually);
      expect(await bureau.getByTestId('report-error-detail').textContent()).toContain('2099-01');
      await bureau.getByTestId('report-period').fill(thisMonth);
      await bureau.getByTestId('report-milestone-0').check();
      await bureau.getByTestId('report-milestone-0-evidence').fill('市经信局〔2026〕12号文');
      await bureau.getByTestId('report-problems').fill('部分区县数据未报');
      await bureau.screenshot({ path: join(ARTIFACTS, 'reports-form-bureau.png'), fullPage: true });
      await bureau.getByTestId('report-submit').click();

      await expect.poll(() => bureau.getByTestId('report-message').textContent(), eventually).toContain('已报送');
      await expect.poll(() => bureau.getByTestId('task-progress').textContent(), eventually).toContain('40%');
      const milestones = bureau.getByTestId('task-milestones');
      await expect.poll(() => milestones.textContent(), eventually).toContain('市经信局〔2026〕12号文');
      expect(await bureau.getByTestId('report-status').first().getAttribute('data-status')).toBe('submitted');
      await expect.poll(() => timelineKinds(bureau), eventually).toContain('report');
      await bureau.screenshot({ path: join(ARTIFACTS, 'reports-submitted-bureau.png'), fullPage: true });
    } finally {
      await bureau.close();
    }

    const office = await signedIn('office');
    try {
      await openTask(office);
      // Offices do not report: no form for them, but a return button on the submitted report.
      expect(await office.getByTestId('report-form').count()).toBe(0);
      await office.getByTestId('report-return').click();
      await office.getByTestId('reason-dialog').waitFor();
      await office.getByTestId('reason-input').fill('请补充各区县进展数据');
      await office.getByTestId('reason-submit').click();
      await expect
        .poll(() => office.getByTestId('report-status').first().getAttribute('data-status'), eventually)
        .toBe('returned');
      expect(await office.getByTestId('report-return-message').textContent()).toContain('已退回');
    } finally {
      await office.close();
    }

    const again = await signedIn('bureauEit');
    try {
      await openTask(again);
      const returned = again.getByTestId('report-returned');
      await returned.waitFor();
      expect(await returned.textContent()).toContain('请补充各区县进展数据');
      // The form holds the report as it was sent.
      expect(await again.getByTestId('report-narrative').inputValue()).toBe('完成场景征集，形成清单初稿。');
      expect(await again.getByTestId('report-progress').inputValue()).toBe('40');
      await again.getByTestId('report-narrative').fill('完成场景征集，形成清单初稿；12个区县均已报送。');
      await again.getByTestId('report-progress').fill('60');
      await again.getByTestId('report-submit').click();
      await expect.poll(() => again.getByTestId('report-message').textContent(), eventually).toContain('已报送');
      await expect.poll(() => again.getByTestId('report-returned').count(), eventually).toBe(0);
      expect(await again.getByTestId('report-status').first().getAttribute('data-status')).toBe('submitted');
    } finally {
      await again.close();
    }
  });

  it('the unit completes the task, the office accepts it, and the timeline shows reports and acceptance', async () => {
    const bureau = await signedIn('bureauEit');
    try {
      await openTask(bureau);
      await bureau.getByTestId('task-move-start').click();
      await expect.poll(() => statusOf(bureau), eventually).toBe('in_progress');
      await bureau.getByTestId('task-move-complete').click();
      await expect.poll(() => statusOf(bureau), eventually).toBe('completed');
    } finally {
      await bureau.close();
    }

    const office = await signedIn('office');
    try {
      await openTask(office);
      await office.getByTestId('task-move-accept').click();
      await expect.poll(() => statusOf(office), eventually).toBe('accepted');
      const timeline = office.getByTestId('task-timeline');
      // Newest first: the acceptance heads the timeline.
      await expect
        .poll(() => timeline.getByTestId('timeline-entry').first().textContent(), eventually)
        .toContain('已验收');
      const text = (await timeline.textContent()) ?? '';
      expect(text).toContain('报送了');
      expect(text).toContain('重新报送了');
      expect(text).toContain('退回修改');
      expect(text).toContain('请补充各区县进展数据');
      const kinds = await timelineKinds(office);
      expect(kinds.filter((k) => k === 'report')).toHaveLength(3);
      expect(kinds.filter((k) => k === 'status').length).toBeGreaterThanOrEqual(4);
      // The report form is gone for an accepted task.
      await office.screenshot({ path: join(ARTIFACTS, 'reports-accepted-office.png'), fullPage: true });

      const after = await gw.api('GET', `/api/v1/tasks/${task.code}`, { token: gw.accounts.office.token });
      expect(after.json.status).toBe('accepted');
      expect(after.json.progress).toBeGreaterThanOrEqual(60);
    } finally {
      await office.close();
    }

    // The secretariat sees tasks but not supervision: its timeline is built without the lists it may not read.
    const secretariat = await signedIn('secretariat');
    try {
      await openTask(secretariat);
      await expect.poll(() => timelineKinds(secretariat), eventually).toContain('report');
      expect(await secretariat.getByTestId('task-records-error').count()).toBe(0);
      expect(await secretariat.getByTestId('report-form').count()).toBe(0);
      expect(await secretariat.getByTestId('report-return').count()).toBe(0);
    } finally {
      await secretariat.close();
    }
  });
  it('the office sees the board by status and by unit, with missing reports, and downloads the ledger', async () => {
    const office = await signedIn('office');
    try {
      await office.getByTestId('nav-tasks.manage').click();
      await office.getByTestId('board-columns').waitFor();
      // The accepted task is in its column; open tasks of 2020 are long past due, marked in words (and red).
      const accepted = office.getByTestId('board-column-accepted').getByTestId(`board-card-${task.code}`);
      await accepted.waitFor();
      expect(await accepted.getByTestId('task-flag-overdue').count()).toBe(0);
      const overdue = office.getByTestId('board-column-draft').getByTestId('task-flag-overdue');
      expect(await overdue.count()).toBeGreaterThan(0);
      expect(await overdue.first().textContent()).toBe('逾期');
      await office.getByTestId('board-missing').locator('.card__lead, [role="alert"]').first().waitFor();
      await office.screenshot({ path: join(ARTIFACTS, 'board-status-office.png'), fullPage: true });

      await office.getByTestId('board-view-units').click();
      const eitRow = office.getByTestId(`board-unit-${gw.accounts.bureauEit.unitId}`);
      await eitRow.waitFor();
      expect(await eitRow.textContent()).toContain('市经信局');
      expect(office.url()).toContain('view=units');

      // Words narrow the board (the server searches code, title and description).
      await office.getByTestId('board-filter-q').fill(task.title);
      await office.getByTestId('board-filter-search').click();
      await expect.poll(() => office.locator('[data-testid^="board-unit-"]').count(), eventually).toBeGreaterThan(0);
      expect(office.url()).toContain('q=');
      await office.screenshot({ path: join(ARTIFACTS, 'board-units-office.png'), fullPage: true });

      // The export needs the bearer token: fetched, then saved through an object URL.
      await office.getByTestId('board-export-year').fill('2020');
      const [download] = await Promise.all([
        office.waitForEvent('download'),
        office.getByTestId('board-export-progress-ledger-csv').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/2020\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain(task.code);
      await expect.poll(() => office.getByTestId('board-export-message').textContent(), eventually).toContain('2020');
    } finally {
      await office.close();
    }
  });

  it('the office re-imports the plan from a file, sees nothing created twice, and publishes it', async () => {
    const office = await signedIn('office');
    try {
      await office.goto(`${gw.baseUrl}/#/board`);
      await office.getByTestId('board-import-link').click();
      await office.getByTestId('import-text').waitFor();
      await office.getByTestId('import-year').fill('2020');
      await office.getByTestId('import-file').setInputFiles(SEED);
      await expect.poll(() => office.getByTestId('import-text').inputValue(), eventually).not.toBe('');
      await office.getByTestId('import-submit').click();
      const result = office.getByTestId('import-result');
      await result.waitFor(eventually);
      expect(await office.getByTestId('import-created-count').textContent()).toContain('0');
      expect(await office.getByTestId('import-unchanged').locator('li').count()).toBeGreaterThan(20);
      expect(await office.getByTestId('import-changed').count()).toBe(0);

      // A text that gives a task other lead units: shown as changed and not applied, in words.
      const seed = readFileSync(SEED, 'utf8');
      await office
        .getByTestId('import-text')
        .fill(seed.replace('责任单位:市科技局、市发改委牵头,', '责任单位:市科技局牵头,'));
      await office.getByTestId('import-submit').click();
      const changed = office.getByTestId('import-changed-task');
      await changed.first().waitFor(eventually);
      expect(await changed.count()).toBe(1);
      const said = (await changed.first().textContent()) ?? '';
      expect(said).toContain('牵头单位');
      expect(said).toContain('市科技局');
      expect(said).not.toMatch(/city-|leadUnitIds/);
      await office.screenshot({ path: join(ARTIFACTS, 'import-changed-office.png'), fullPage: true });

      const state = office.getByTestId('plan-state-value');
      await expect.poll(() => state.getAttribute('data-state'), eventually).toBe('draft');
      await office.getByTestId('plan-publish').click();
      await office.getByTestId('plan-confirm').waitFor();
      // Nothing is published until confirmed; cancelling goes back.
      await office.getByTestId('plan-confirm-cancel').click();
      expect(await state.getAttribute('data-state')).toBe('draft');
      await office.getByTestId('plan-publish').click();
      await office.getByTestId('plan-confirm-publish').click();
      await expect.poll(() => state.getAttribute('data-state'), eventually).toBe('published');
      expect(await office.getByTestId('plan-message').textContent()).toContain('已发布');
      await office.screenshot({ path: join(ARTIFACTS, 'import-published-office.png'), fullPage: true });
    } finally {
      await office.close();
    }
  });
});
