import type { INestMicroservice } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, signedInPage } from './browser';
import { startGateway, type Gateway } from './gateway-harness';
import { ENTERPRISE_CREDIT_CODE } from './consultation-fixtures';
import { talentAt, talentBody } from './talent-fixtures';
import { startTalentService } from './talent-service';
import { startFundingService, type FundingHarness } from '../../funding/test/funding-service';

/**
 * The talent office's pipeline board in the web console, in a real browser against the real
 * gateway and talent service: the talent staff add a record in the console, move a record one stage with the card's button and
 * one by drag and drop (HTML5), a skipped stage dropped on the board is refused by the server and
 * its message shown while the card stays, and the office sees the record without contact details.
 * Screenshots are kept in test-artifacts/console/talent-*.png.
 */
const LAPTOP = { width: 1440, height: 900 };

describe('web console: the talent pipeline board', () => {
  let gw: Gateway;
  let talent: INestMicroservice;
  let funding: FundingHarness;
  let browser: Browser;
  let id: string;
  const name = '浏览器测试人才';

  beforeAll(async () => {
    // Funding answers which programmes exist when a package with money is offered.
    funding = await startFundingService();
    talent = await startTalentService();
    browser = await launchBrowser(); // first: it points the gateway at the built console
    gw = await startGateway();
    const seeded = await gw.api('POST', '/api/v1/funding/programmes/seed', { token: gw.accounts.funding.token });
    expect(seeded.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await talent?.close();
    await funding?.close();
    delete process.env.CONSOLE_DIR;
  });

  const eventually = { timeout: 10_000 };
  const card = (page: Page) => page.getByTestId(`talent-card-${id}`);
  const stageOf = (page: Page) => card(page).getAttribute('data-stage');

  it('the talent staff move a record by button and by drag; a skipped stage is refused and the card stays', async () => {
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.talent, LAPTOP);
    page.setDefaultTimeout(10_000);
    try {
      await page.getByTestId('nav-talent.view').click();

      // Created in the console: nothing filled in says what is missing; then the record lands at "identified".
      await page.getByTestId('talent-create').locator('summary').click();
      await page.getByTestId('create-submit').click();
      await page.getByTestId('create-name-error').waitFor();
      expect(await page.locator('*:focus').getAttribute('id')).toBe('create-name');
      await page.getByTestId('create-name').fill(name);
      await page.getByTestId('create-category').selectOption('leading_talent');
      await page.getByTestId('create-field-robotics').check();
      await page.getByTestId('create-current').fill('某大学');
      await page.getByTestId('create-target').fill('合肥某机器人公司');
      await page.getByTestId('create-target-credit').fill(ENTERPRISE_CREDIT_CODE);
      await page.getByTestId('create-source').selectOption('event');
      await page.getByTestId('create-phone').fill('+86 139 0000 0000');
      await page.getByTestId('create-submit').click();
      await expect.poll(() => page.getByTestId('create-message').textContent(), eventually).toContain(name);
      const listed = await gw.api('GET', '/api/v1/talent', { token: gw.accounts.talent.token, query: { q: name } });
      expect(listed.json.items).toHaveLength(1);
      id = listed.json.items[0].id;
      expect(listed.json.items[0]).toMatchObject({ stage: 'identified', contact: { phone: '+86 139 0000 0000' } });
      await card(page).waitFor(eventually);
      expect(await stageOf(page)).toBe('identified');
      expect(await page.getByTestId('talent-column-identified').getByTestId(`talent-card-${id}`).count()).toBe(1);

      // By the button: identified → contacted; the focus follows the card into its new column.
      await card(page).getByTestId('talent-advance').click();
      await expect.poll(() => stageOf(page), eventually).toBe('contacted');
      expect(await page.getByTestId('talent-column-contacted').getByTestId(`talent-card-${id}`).count()).toBe(1);
      expect(await page.getByTestId('talent-move-message').textContent()).toContain(name);
      expect(await page.locator('*:focus').getAttribute('id')).toBe(`talent-link-${id}`);

      // By drag and drop: contacted → negotiating.
      await card(page).dragTo(page.getByTestId('talent-column-negotiating'));
      await expect.poll(() => stageOf(page), eventually).toBe('negotiating');
      await page.screenshot({ path: join(ARTIFACTS, 'talent-board.png'), fullPage: true });

      // A skip (negotiating → signed) is the server's to refuse: its message shows and the card stays.
      await card(page).dragTo(page.getByTestId('talent-column-signed'));
      const refused = page.getByTestId('talent-move-error');
      await refused.waitFor(eventually);
      expect(await page.getByTestId('talent-move-error-detail').textContent()).toContain('cannot move to signed');
      expect(await page.getByTestId('talent-move-error-allowed').textContent()).toContain('已达成意向');
      expect(await refused.textContent()).not.toContain('任务'); // not the tasks' "changed meanwhile" wording
      expect(await stageOf(page)).toBe('negotiating');
      expect(await page.getByTestId('talent-column-negotiating').getByTestId(`talent-card-${id}`).count()).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, 'talent-board-refused.png'), fullPage: true });

      const stored = await gw.api('GET', `/api/v1/talent/${id}`, { token: gw.accounts.talent.token });
      expect(stored.json.stage).toBe('negotiating');
      expect(stored.json.history.map((h: { to: string }) => h.to)).toEqual(['contacted', 'negotiating']);

      // The talent page: contact details for the talent staff, and the timeline of both moves.
      await card(page).getByRole('link').click();
      await page.getByTestId('talent-detail').waitFor(eventually);
      expect(await page.getByTestId('talent-contact').textContent()).toContain('+86 139 0000 0000');
      expect(await page.getByTestId('talent-history-entry').count()).toBe(2);

      // A package with money but no fund programme: the server's field message shows under the programme.
      await page.getByTestId('offer-term-0-description').fill('科研经费');
      await page.getByTestId('offer-term-0-amount').fill('500000.5');
      expect(await page.getByTestId('offer-total').textContent()).toContain('¥500,000.50');
      await page.getByTestId('offer-submit').click();
      await page.getByTestId('offer-error').waitFor(eventually);
      expect(await page.getByTestId('offer-programme-error').textContent()).toContain('required');
      await page.getByTestId('offer-programme').fill('high-quality');
      await page.getByTestId('offer-year').fill('2026');
      await page.getByTestId('offer-submit').click();
      await expect.poll(() => page.getByTestId('talent-package-amount').textContent(), eventually).toBe('¥500,000.50');
      expect(await page.getByTestId('talent-package-status').getAttribute('data-status')).toBe('offered');
      await page.screenshot({ path: join(ARTIFACTS, 'talent-page-staff.png'), fullPage: true });

      // The talent accepts: the package is accepted and no new offer is offered.
      await page.getByTestId('decision-accept').check();
      await page.getByTestId('decision-submit').click();
      await expect
        .poll(() => page.getByTestId('talent-package-status').getAttribute('data-status'), eventually)
        .toBe('accepted');
      expect(await page.getByTestId('offer-form').count()).toBe(0);
      expect(await page.getByTestId('decision-form').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('withdrawing asks for a reason, which is kept on the timeline', async () => {
    const created = await gw.api('POST', '/api/v1/talent', {
      token: gw.accounts.talent.token,
      body: talentBody('待终止人才'),
    });
    expect(created.status, created.text).toBe(201);
    const other: string = created.json.id;
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.talent, LAPTOP);
    try {
      await page.goto(`${gw.baseUrl}/#/talent`);
      const otherCard = page.getByTestId(`talent-card-${other}`);
      await otherCard.waitFor(eventually);
      await otherCard.getByTestId('talent-end-withdrawn').click();
      await page.getByTestId('reason-dialog').waitFor();
      await page.getByTestId('reason-submit').click();
      await page.getByTestId('reason-error').waitFor();
      await page.getByTestId('reason-input').fill('企业需求取消');
      await page.getByTestId('reason-submit').click();
      await expect.poll(() => otherCard.getAttribute('data-stage'), eventually).toBe('withdrawn');
      expect(await page.getByTestId('talent-column-withdrawn').getByTestId(`talent-card-${other}`).count()).toBe(1);
      expect(await otherCard.getByRole('button').count()).toBe(0); // an ended record moves no more
      const stored = await gw.api('GET', `/api/v1/talent/${other}`, { token: gw.accounts.talent.token });
      expect(stored.json.history.at(-1)).toMatchObject({ to: 'withdrawn', note: '企业需求取消' });
    } finally {
      await page.close();
    }
  });

  it('the office sees the record without contact details and cannot move it', async () => {
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.office, LAPTOP);
    try {
      await page.goto(`${gw.baseUrl}/#/talent`);
      await card(page).waitFor(eventually);
      expect(await card(page).getByRole('button').count()).toBe(0);
      expect(await page.getByTestId('talent-create').count()).toBe(0);

      // The ledger export: fetched with the bearer token, saved from a blob; no personal data in it.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('talent-export-csv').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv).toContain(name);
      expect(csv).not.toContain('+86 139 0000 0000');
      expect(await card(page).getAttribute('draggable')).toBe('false');
      await card(page).getByRole('link').click();
      await page.getByTestId('talent-detail').waitFor(eventually);
      expect(await page.getByTestId('talent-stage').getAttribute('data-stage')).toBe('negotiating');
      expect(await page.getByTestId('talent-contact').count()).toBe(0);
      expect(await page.content()).not.toContain('+86 139 0000 0000');
      expect(await page.getByTestId('offer-form').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'talent-page-office.png'), fullPage: true });

      // Figures: onboarded against the office's target, as bars with their numbers written out.
      const target = await gw.api('PUT', '/api/v1/talent-figures/targets/2026/top_scientist', {
        token: gw.accounts.office.token,
        body: { count: 3 },
      });
      expect(target.status, target.text).toBe(200);
      await page.getByTestId('talent-back').click();
      await page.getByTestId('talent-figures-link').click();
      const figure = page.getByTestId('figure-2026-top_scientist');
      await figure.waitFor(eventually);
      expect(await figure.getByTestId('figure-target').textContent()).toBe('3');
      expect(await figure.getByTestId('figure-onboarded').textContent()).toBe('0');
      await page.screenshot({ path: join(ARTIFACTS, 'talent-figures.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('the talent staff record the yearly follow-up of an onboarded talent', async () => {
    const onboarded = await talentAt(gw, 'onboarded');
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.talent, LAPTOP);
    try {
      await page.goto(`${gw.baseUrl}/#/talent/${onboarded}`);
      const form = page.getByTestId('follow-up-form');
      await form.waitFor(eventually);
      expect(await page.getByTestId('offer-form').count()).toBe(0);
      await page.getByTestId('follow-up-patents').fill('-1');
      await page.getByTestId('follow-up-submit').click();
      await page.getByTestId('follow-up-patents-error').waitFor();
      await page.getByTestId('follow-up-city-yes').check();
      await page.getByTestId('follow-up-year').fill('2026');
      await page.getByTestId('follow-up-patents').fill('3');
      await page.getByTestId('follow-up-products').fill('1');
      await page.getByTestId('follow-up-submit').click();
      await expect.poll(() => page.getByTestId('follow-up-message').textContent(), eventually).toContain('2026');
      expect(await page.getByTestId('talent-follow-ups').locator('tbody tr').count()).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, 'talent-follow-up.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
