import type { INestMicroservice } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from './browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTasksService } from './tasks-service';
import { startGateway, type AccountName, type Gateway, type Json } from './gateway-harness';

/**
 * The key-task pages of the web console in a real browser (Debian's Chromium driven by
 * playwright-core) against the real gateway, the tasks service, NATS and the database:
 * the office assigns a task, a lead unit starts it and flags a risk through the reason
 * dialog, and another unit neither lists nor opens it. Screenshots are kept in
 * test-artifacts/console/tasks-*.png for people to look at.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');
const LAPTOP = { width: 1280, height: 800 };
const TABLET = { width: 820, height: 1180 };

describe('web console: key tasks', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let browser: Browser;
  /** Led by bureauEit's unit; bureauDrc's unit is neither lead nor co-responsible. */
  let task: Json;
  /** Another draft task, for the stale-version refusal. */
  let other: Json;
  let taskCount: number;
  let topLevelCount: number;

  beforeAll(async () => {
    tasks = await startTasksService();
    // Launched first: it points the gateway at the built console.
    browser = await launchBrowser();
    gw = await startGateway();
    const imported = await gw.api('POST', '/api/v1/plans/import', {
      token: gw.accounts.office.token,
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(imported.status).toBe(200);

    const all: Json[] = (
      await gw.api('GET', '/api/v1/tasks', { token: gw.accounts.office.token, query: { limit: '500' } })
    ).json.items;
    const eit = gw.accounts.bureauEit.unitId;
    const drc = gw.accounts.bureauDrc.unitId;
    task = all.find(
      (t) => !t.parentCode && t.leadUnitIds.includes(eit) && ![...t.leadUnitIds, ...t.coUnitIds].includes(drc),
    );
    other = all.find((t) => !t.parentCode && t.code !== task?.code && t.status === 'draft');
    taskCount = all.length;
    topLevelCount = all.filter((t) => !t.parentCode).length;
    // Enough tasks for two pages of 20 once sub-tasks are shown, and one page of top-level tasks.
    expect(taskCount).toBeGreaterThan(20);
    expect(topLevelCount).toBeLessThanOrEqual(20);
    expect(task).toBeDefined();
    expect(other).toBeDefined();
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await tasks?.close();
    delete process.env.CONSOLE_DIR;
  });

  async function signedIn(name: AccountName, viewport: { width: number; height: number }): Promise<Page> {
    const account = gw.accounts[name];
    const page = await browser.newPage({ viewport });
    await page.goto(gw.baseUrl);
    await page.getByTestId('sign-in-username').fill(account.username);
    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-name').waitFor();
    return page;
  }

  const statusOf = (page: Page) => page.getByTestId('task-status').getAttribute('data-status');
  /** Moves go through NATS, the tasks service and its database: give them more than expect.poll's default second. */
  const eventually = { timeout: 10_000 };
  /** The page's refusal banner, if any, so a failed move says why. */
  const refusalOf = async (page: Page) => {
    const banner = page.getByTestId('task-move-error');
    return (await banner.count()) > 0 ? await banner.textContent() : '';
  };
  /** The focused element, through the `:focus` selector (the test's own code has no DOM types). */
  const focusedId = (page: Page) => page.locator('*:focus').getAttribute('id');
  const focusedTestId = (page: Page) => page.locator('*:focus').getAttribute('data-testid');

  it('the office sees the list, opens a task and assigns it (已分解)', async () => {
    const page = await signedIn('office', LAPTOP);
    try {
      await page.getByTestId('nav-tasks.view').click();
      await page.getByTestId('task-table').waitFor();
      const row = page.getByTestId(`task-row-${task.code}`);
      await row.waitFor();
      // Top-level tasks only by default; lead units by name, status in words.
      expect(await page.locator('[data-testid^="task-row-"]').count()).toBe(topLevelCount);
      expect(await row.textContent()).toContain('市经信局');
      expect(await row.getByTestId('task-status').textContent()).toBe('草稿');
      expect(await page.getByTestId('task-filter-unit').count()).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, 'tasks-list-office-laptop.png'), fullPage: true });

      await row.getByTestId('task-link').click();
      await page.getByTestId('task-detail').waitFor();
      expect(await page.locator('h1').textContent()).toBe(task.title);
      expect(await page.getByTestId('task-code').textContent()).toBe(task.code);
      expect(await statusOf(page)).toBe('draft');
      expect(await page.getByTestId('task-lead-units').textContent()).toContain('市经信局');
      // Numbered as the policy text numbers it: 四、拓展应用场景（八）.
      expect(await page.getByTestId('task-policy-section').textContent()).toMatch(
        /^[一二三四五六七八九十]+、.+（[一二三四五六七八九十]+）$/,
      );
      // The office may assign or cancel a draft; nothing else.
      expect(await page.getByTestId('task-move-assign').count()).toBe(1);
      expect(await page.getByTestId('task-move-cancel').count()).toBe(1);
      expect(await page.getByTestId('task-move-start').count()).toBe(0);

      await page.getByTestId('task-move-assign').click();
      await expect.poll(() => statusOf(page), eventually).toBe('assigned');
      expect(await refusalOf(page)).toBe('');
      expect(await page.getByTestId('task-status').textContent()).toBe('已分解');
      expect(await page.getByTestId('task-move-message').textContent()).toContain('已分解');
      expect(await page.getByTestId('task-move-assign').count()).toBe(0);
      expect(await page.getByTestId('task-history-entry').count()).toBe(1);
      // The assign button is gone: focus went to the actions heading, not to the page's end.
      expect(await focusedId(page)).toBe('task-moves-heading');
      await page.screenshot({ path: join(ARTIFACTS, 'tasks-detail-office-laptop.png'), fullPage: true });

      // The server agrees.
      const after = await gw.api('GET', `/api/v1/tasks/${task.code}`, { token: gw.accounts.office.token });
      expect(after.json.status).toBe('assigned');
    } finally {
      await page.close();
    }
  });

  it('the office filters and pages through every task, in English too', async () => {
    const page = await signedIn('office', LAPTOP);
    try {
      await page.goto(`${gw.baseUrl}/#/tasks`);
      await page.getByTestId('task-table').waitFor();
      expect(await page.getByTestId('task-pager').count()).toBe(0);

      await page.getByTestId('task-filter-top-level').uncheck();
      await expect.poll(() => page.locator('[data-testid^="task-row-"]').count(), eventually).toBe(20);
      const firstPage = await page.locator('[data-testid^="task-row-"]').first().getAttribute('data-testid');
      await page.getByTestId('task-page-next').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('[data-testid^="task-row-"]').count(), eventually).toBe(taskCount - 20);
      expect(await page.getByTestId('task-page-next').getAttribute('aria-disabled')).toBe('true');
      // The rows of the old page stay while the new one loads, so the pager never goes away under the focus.
      expect(await focusedTestId(page)).toBe('task-page-next');
      await page.getByTestId('task-page-previous').click();
      await expect
        .poll(() => page.locator('[data-testid^="task-row-"]').first().getAttribute('data-testid'), eventually)
        .toBe(firstPage);

      await page.getByTestId('task-filter-status').selectOption('assigned');
      await expect.poll(() => page.locator('[data-testid^="task-row-"]').count(), eventually).toBe(1);
      // A task opened from a filtered list leads back to the same filtered list.
      await page.getByTestId(`task-row-${task.code}`).getByTestId('task-link').click();
      await page.getByTestId('task-detail').waitFor();
      await page.getByTestId('task-back').click();
      await page.getByTestId(`task-row-${task.code}`).waitFor();
      expect(await page.getByTestId('task-filter-status').inputValue()).toBe('assigned');
      await page.getByTestId('task-filter-status').selectOption('accepted');
      await page.getByTestId('task-list-empty').waitFor();
      expect(page.url()).toContain('status=accepted');

      await page.getByTestId('task-filter-clear').click();
      await expect.poll(() => page.locator('[data-testid^="task-row-"]').count(), eventually).toBe(topLevelCount);
      await page.getByTestId('lang-switch').click();
      await expect
        .poll(() => page.getByTestId(`task-row-${task.code}`).getByTestId('task-status').textContent(), eventually)
        .toBe('Assigned');
      await page.screenshot({ path: join(ARTIFACTS, 'tasks-list-office-en-laptop.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('a lead unit starts the task, then flags a risk with a reason in the dialog (有风险)', async () => {
    const page = await signedIn('bureauEit', TABLET);
    try {
      await page.goto(`${gw.baseUrl}/#/tasks`);
      await page.getByTestId('task-table').waitFor();
      // Bureau staff see their own unit's tasks only and get no unit filter.
      expect(await page.getByTestId('task-filter-unit').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'tasks-list-bureau-tablet.png'), fullPage: true });

      await page.getByTestId(`task-row-${task.code}`).getByTestId('task-link').click();
      await page.getByTestId('task-detail').waitFor();
      expect(await statusOf(page)).toBe('assigned');
      await page.getByTestId('task-move-start').click();
      await expect.poll(() => statusOf(page), eventually).toBe('in_progress');
      expect(await page.getByTestId('task-move-message').textContent()).toContain('推进中');

      // The dialog: reason field focused, Escape closes it and gives focus back to the button.
      await page.getByTestId('task-move-flag_risk').click();
      const dialog = page.getByTestId('reason-dialog');
      await dialog.waitFor();
      expect(await focusedId(page)).toBe('reason-dialog-text');
      expect(await dialog.getAttribute('aria-labelledby')).toBe('reason-dialog-title');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await focusedTestId(page)).toBe('task-move-flag_risk');
      expect(await statusOf(page)).toBe('in_progress');

      // Focus stays in the dialog, and an empty reason is refused before anything is sent.
      await page.getByTestId('task-move-flag_risk').click();
      await dialog.waitFor();
      for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
      expect(await page.locator('dialog *:focus').count()).toBe(1);
      await page.getByTestId('reason-submit').click();
      await page.getByTestId('reason-error').waitFor();
      expect(await page.getByTestId('reason-input').getAttribute('aria-invalid')).toBe('true');
      expect(await focusedId(page)).toBe('reason-dialog-text');

      const reason = '关键设备进口受限，拟调整采购方案。';
      await page.getByTestId('reason-input').fill(reason);
      await page.screenshot({ path: join(ARTIFACTS, 'tasks-reason-dialog-tablet.png') });
      await page.getByTestId('reason-submit').click();
      await dialog.waitFor({ state: 'detached' });
      expect(await refusalOf(page)).toBe('');
      await expect.poll(() => statusOf(page), eventually).toBe('at_risk');
      expect(await page.getByTestId('task-status').textContent()).toBe('有风险');
      expect(await page.getByTestId('task-move-message').textContent()).toContain('有风险');
      expect(await page.getByTestId('task-move-recover').count()).toBe(1);
      expect(await page.getByTestId('task-move-flag_risk').count()).toBe(0);
      expect(await focusedId(page)).toBe('task-moves-heading');
      const history = page.getByTestId('task-history-entry');
      expect(await history.count()).toBe(3);
      expect(await history.last().textContent()).toContain(reason);
      await page.screenshot({ path: join(ARTIFACTS, 'tasks-detail-bureau-tablet.png'), fullPage: true });

      const after = await gw.api('GET', `/api/v1/tasks/${task.code}`, { token: gw.accounts.office.token });
      expect(after.json).toMatchObject({ status: 'at_risk' });
      expect(after.json.history.at(-1)).toMatchObject({ from: 'in_progress', to: 'at_risk', reason });
    } finally {
      await page.close();
    }
  });

  it('a unit that is neither lead nor co-responsible does not list the task and gets not-found on its URL', async () => {
    const page = await signedIn('bureauDrc', LAPTOP);
    try {
      await page.goto(`${gw.baseUrl}/#/tasks`);
      await page.getByTestId('task-table').waitFor();
      expect(await page.locator('[data-testid^="task-row-"]').count()).toBeGreaterThan(0);
      expect(await page.getByTestId(`task-row-${task.code}`).count()).toBe(0);

      await page.goto(`${gw.baseUrl}/#/tasks/${task.code}`);
      await page.getByTestId('task-not-found').waitFor();
      expect(await page.locator('h1').textContent()).toBe('任务不存在');
      expect(await page.getByTestId('task-moves').count()).toBe(0);
      expect(await page.content()).not.toContain(task.title);
      await page.screenshot({ path: join(ARTIFACTS, 'tasks-not-found-laptop.png') });
    } finally {
      await page.close();
    }
  });

  it('a move on a task changed meanwhile is refused with the server’s explanation, and reload shows the new state', async () => {
    const page = await signedIn('office', TABLET);
    try {
      await page.goto(`${gw.baseUrl}/#/tasks/${other.code}`);
      await page.getByTestId('task-detail').waitFor();
      expect(await statusOf(page)).toBe('draft');
      // Someone else assigns it after this page loaded it.
      const elsewhere = await gw.api('POST', `/api/v1/tasks/${other.code}/moves`, {
        token: gw.accounts.office.token,
        body: { move: 'assign' },
      });
      expect(elsewhere.status).toBe(200);

      await page.getByTestId('task-move-assign').click();
      const refusal = page.getByTestId('task-move-error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('任务已被他人更新');
      expect(await page.getByTestId('task-move-error-detail').textContent()).toContain('reload');
      expect(await statusOf(page)).toBe('draft');
      await page.screenshot({ path: join(ARTIFACTS, 'tasks-stale-refusal-tablet.png'), fullPage: true });

      await page.getByTestId('task-reload').click();
      await expect.poll(() => statusOf(page), eventually).toBe('assigned');
      expect(await page.getByTestId('task-move-assign').count()).toBe(0);

      // The same page in English, with the cancel dialog open.
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.getByTestId('task-status').textContent(), eventually).toBe('Assigned');
      await page.screenshot({ path: join(ARTIFACTS, 'tasks-detail-office-en-tablet.png'), fullPage: true });
      await page.getByTestId('task-move-cancel').click();
      await page.getByTestId('reason-dialog').waitFor();
      expect(await page.locator('#reason-dialog-title').textContent()).toBe(`Cancel task: ${other.code}`);
      await page.screenshot({ path: join(ARTIFACTS, 'tasks-cancel-dialog-en-tablet.png') });
      await page.getByTestId('reason-cancel').click();
      await page.getByTestId('reason-dialog').waitFor({ state: 'detached' });
      expect(await statusOf(page)).toBe('assigned');
    } finally {
      await page.close();
    }
  });
});
