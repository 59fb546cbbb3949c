import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, signedInPage } from './browser';
import { ENTERPRISE_CREDIT_CODE, recordFor } from './consultation-fixtures';
import { startConsultationsService } from './consultations-service';
import { startGateway, type Gateway, type Json } from './gateway-harness';
import { daysFromNow, ensureAssigned } from './supervision-fixtures';
import { startTasksService } from './tasks-service';

/**
 * Consultations in the web console, in a real browser against the real gateway, tasks and
 * consultations services: a lead unit flags a task at risk (through the API), which opens a
 * risk-review record; the secretariat finds it on the consultation board, schedules a meeting
 * about it from the record, holds the meeting with attendance and minutes, adopts a resolution
 * that creates a follow-up task (its code shown and linked), approves the minutes and closes the
 * meeting; the task page shows the record with its meeting and resolution.
 * Screenshots are kept in test-artifacts/console/consultations-*.png.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');
const LAPTOP = { width: 1280, height: 900 };
const TASK = '2020-3.3';
const FOLLOW_UP_TITLE = '制定关键企业引进专项推进方案';

describe('web console: consultations', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let consultations: INestMicroservice;
  let browser: Browser;
  let record: Json;
  const prefix = uniqueToken();
  const eventually = { timeout: 10_000 };

  beforeAll(async () => {
    tasks = await startTasksService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    consultations = await startConsultationsService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    browser = await launchBrowser(); // first: it points the gateway at the built console
    gw = await startGateway();
    const office = gw.accounts.office.token;
    const imported = await gw.api('POST', '/api/v1/plans/import', {
      token: office,
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(imported.status).toBe(200);
    await ensureAssigned(gw, TASK);
    const eit = gw.accounts.bureauEit.token;
    const move = (body: Json) => gw.api('POST', `/api/v1/tasks/${TASK}/moves`, { token: eit, body });
    expect((await move({ move: 'start' })).status).toBe(200);
    expect((await move({ move: 'flag_risk', reason: '关键企业引进进度滞后' })).status).toBe(200);
    record = await recordFor(gw, TASK, 'risk_review');
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await consultations?.close();
    await tasks?.close();
    delete process.env.CONSOLE_DIR;
  });

  it('the secretariat schedules a meeting from the open record, holds it, and adopts a resolution with a follow-up task', async () => {
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.secretariat, LAPTOP);
    try {
      // The board: the record waits in the "open" column; the type filter keeps it (risk review) or hides it.
      await page.getByTestId('nav-consultations.view').click();
      const openColumn = page.getByTestId('consultation-column-open');
      await openColumn.getByTestId('consultation-card').first().waitFor(eventually);
      expect(await openColumn.textContent()).toContain(TASK);
      await page.getByTestId('consultation-type-filter').selectOption('cancellation_review');
      await expect.poll(() => page.getByTestId('consultation-card').count(), eventually).toBe(0);
      await page.getByTestId('consultation-type-filter').selectOption('risk_review');
      await openColumn.getByTestId('consultation-card').first().waitFor(eventually);
      await page.screenshot({ path: join(ARTIFACTS, 'consultations-board.png'), fullPage: true });

      // The record, and from it the schedule form with the record already on the agenda.
      await openColumn.locator(`[data-task="${TASK}"] a`).click();
      await page.getByTestId('consultation-detail').waitFor(eventually);
      expect(await page.getByTestId('consultation-reason').textContent()).toBe('关键企业引进进度滞后');
      expect(await page.getByTestId('consultation-agenda').textContent()).toContain('关键企业引进进度滞后');
      await page.getByTestId('consultation-schedule').click();
      await page.getByTestId('schedule-form').waitFor();
      const agendaRecord = page.locator(`[data-testid="agenda-record"][data-task="${TASK}"]`);
      await agendaRecord.waitFor(eventually);
      expect(await agendaRecord.isChecked()).toBe(true);

      // Sent empty: the form says what is missing and puts focus on the first problem.
      await page.getByTestId('schedule-submit').click();
      await page.getByTestId('meeting-title-error').waitFor();
      expect(await page.locator('*:focus').getAttribute('id')).toBe('meeting-title');

      await page.getByTestId('meeting-title').fill('人工智能产业专题会商');
      // Recorded the day after it took place: attendance and minutes can be entered from the start on.
      await page.getByTestId('meeting-date').fill(daysFromNow(-1));
      await page.getByTestId('meeting-time').fill('10:00');
      await page.getByTestId('meeting-place').fill('市政务中心 A 座 1201 会议室');
      await page.getByTestId('meeting-other-items').fill('通报重点任务推进情况');
      // The record proposes the task's units; they replace the blank row, named and with their unit ids.
      await page.getByTestId('participant-add-proposed').click();
      const units = await page.getByTestId('participant').count();
      expect(units).toBe(record.proposedParticipants.length);
      expect(await page.getByTestId('participant-0-unit').inputValue()).toBe(record.proposedParticipants[0].id);
      expect(await page.getByTestId('participant-0-name').inputValue()).toBe(record.proposedParticipants[0].name);
      await page.getByTestId('participant-add').click();
      await page.getByTestId(`participant-${units}-kind`).selectOption('enterprise');
      await page.getByTestId(`participant-${units}-name`).fill('科大讯飞股份有限公司');
      await page.getByTestId(`participant-${units}-organisation`).fill('科大讯飞');
      await page.getByTestId(`participant-${units}-credit-code`).fill(ENTERPRISE_CREDIT_CODE.toLowerCase());
      await page.screenshot({ path: join(ARTIFACTS, 'consultations-schedule.png'), fullPage: true });
      await page.getByTestId('schedule-submit').click();

      // The meeting page: scheduled, the record's item on the agenda, the units and the enterprise.
      await page.getByTestId('meeting-detail').waitFor(eventually);
      expect(await page.getByTestId('meeting-status').getAttribute('data-status')).toBe('scheduled');
      const agenda = page.getByTestId('meeting-agenda-item');
      expect(await agenda.count()).toBe(2);
      expect(await agenda.first().textContent()).toContain(TASK);
      expect(await page.getByTestId('meeting-participant').count()).toBe(units + 1);
      expect(await page.getByTestId('meeting-participants').textContent()).toContain(ENTERPRISE_CREDIT_CODE);

      // Held: the enterprise did not come; minutes written.
      await page.getByTestId(`hold-present-${units}`).uncheck();
      await page.getByTestId('hold-minutes').fill('会议听取了市经信局关于关键企业引进的汇报，研究了加快推进的措施。');
      await page.getByTestId('hold-submit').click();
      await expect.poll(() => page.getByTestId('meeting-status').getAttribute('data-status'), eventually).toBe('held');
      const present = await page
        .getByTestId('meeting-participant-present')
        .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-present')));
      expect(present).toEqual([...Array<string>(units).fill('true'), 'false']);
      expect(await page.getByTestId('meeting-minutes').textContent()).toContain('关键企业引进');

      // A resolution with a follow-up task for the owner unit: its code is shown and linked.
      await page.getByTestId('resolution-text').fill('由市经信局牵头制定专项推进方案');
      await page.getByTestId('resolution-owner').selectOption('city-economy-it');
      await page.getByTestId('resolution-deadline').fill(daysFromNow(30));
      expect(await page.getByTestId('resolution-record').inputValue()).toBe(record.id);
      await page.getByTestId('resolution-followUpTitle').fill(FOLLOW_UP_TITLE);
      await page.getByTestId('resolution-submit').click();
      const followUp = page.getByTestId('resolution-follow-up');
      await followUp.waitFor(eventually);
      const code = (await followUp.textContent())?.trim() ?? '';
      expect(code).toMatch(/\S/);
      expect(await page.getByTestId('meeting-action-done').textContent()).toContain(code);
      await page.screenshot({ path: join(ARTIFACTS, 'consultations-meeting-held.png'), fullPage: true });

      // Minutes approved, meeting closed.
      await page.getByTestId('meeting-approve-minutes').click();
      await expect
        .poll(() => page.getByTestId('meeting-status').getAttribute('data-status'), eventually)
        .toBe('minutes_approved');
      await page.getByTestId('meeting-close').click();
      await expect
        .poll(() => page.getByTestId('meeting-status').getAttribute('data-status'), eventually)
        .toBe('closed');

      // The resolution is done: the secretariat says what was done.
      await page.getByTestId('resolution-done').click();
      await page.getByTestId('reason-dialog').waitFor();
      await page.getByTestId('reason-input').fill('专项推进方案已印发');
      await page.getByTestId('reason-submit').click();
      await expect
        .poll(() => page.getByTestId('resolution').first().getAttribute('data-status'), eventually)
        .toBe('done');
      expect(await page.getByTestId('resolutions').textContent()).toContain('专项推进方案已印发');

      // The follow-up task exists in the tasks service, under the code shown.
      await followUp.click();
      await page.getByTestId('task-detail').waitFor(eventually);
      expect(await page.getByTestId('task-code').textContent()).toBe(code);
      expect(await page.locator('h1').textContent()).toBe(FOLLOW_UP_TITLE);

      // The task page of the task at risk: its consultation record, meeting and resolution.
      await page.goto(`${gw.baseUrl}/#/tasks/${TASK}`);
      const section = page.getByTestId('task-consultations');
      await section.getByTestId('task-consultation').first().waitFor(eventually);
      expect(await section.getByTestId('task-consultation').first().getAttribute('data-type')).toBe('risk_review');
      // Its only resolution is done, so the record is closed.
      expect(await section.getByTestId('task-consultation-status').first().getAttribute('data-status')).toBe('closed');
      expect(await section.textContent()).toContain('人工智能产业专题会商');
      expect(await section.getByTestId('resolution-follow-up').textContent()).toBe(code);
      // The secretariat has no funding permission: the funding section is not asked for.
      expect(await page.getByTestId('task-funding').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'consultations-task.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('the calendar lists the meeting by month and downloads the iCal feed', async () => {
    const page = await signedInPage(browser, gw.baseUrl, gw.accounts.secretariat, LAPTOP);
    try {
      await page.goto(`${gw.baseUrl}/#/meetings/calendar`);
      await page.getByTestId('calendar-month').first().waitFor(eventually);
      expect(await page.getByTestId('calendar-month').first().textContent()).toContain('人工智能产业专题会商');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('calendar-download').click(),
      ]);
      expect(download.suggestedFilename()).toBe('meetings.ics');
      const path = await download.path();
      expect(readFileSync(path, 'utf8')).toContain('BEGIN:VCALENDAR');
    } finally {
      await page.close();
    }
  });
});
