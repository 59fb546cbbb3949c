import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { connect, type NatsConnection } from 'nats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { ProgressReports } from '../../tasks/src/report/progress-reports';
import { OverdueClock } from '../../tasks/src/task/overdue-clock';
import { TaskProgress } from '../../tasks/src/task/task-progress';
import { eventually, startGateway, PROBLEM_JSON, type Gateway, type Json, streamEvents } from './gateway-harness';
import { currentPeriod } from './report-fixtures';
import { daysFromNow, ensureAssigned } from './supervision-fixtures';
import { startTasksService } from './tasks-service';

/**
 * Progress reports, office edits, roll-up, reminders, list filters and exports, end to end through
 * real HTTP: gateway → NATS → tasks service → FerretDB/MongoDB, and the events in JetStream.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');

describe('progress reports and the ledger', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let nc: NatsConnection;
  const prefix = uniqueToken();
  const period = currentPeriod();

  const office = () => gw.accounts.office.token;
  const eit = () => gw.accounts.bureauEit.token;
  const task = async (code: string): Promise<Json> =>
    (await gw.api('GET', `/api/v1/tasks/${code}`, { token: office() })).json;
  const report = (code: string, body: Json, token = eit()) =>
    gw.api('POST', `/api/v1/tasks/${code}/reports`, { token, body: { period, ...body } });

  const events = () => streamEvents(nc, prefix);

  beforeAll(async () => {
    tasks = await startTasksService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    gw = await startGateway();
    nc = await connect({ servers: inject('natsUrl') });
    const imported = await gw.api('POST', '/api/v1/plans/import', {
      token: office(),
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await nc?.drain();
    await gw?.close();
    await tasks?.close();
  });

  it('the office sets milestones; a lead unit’s report sets progress and milestones, and the parent rolls up by weight', async () => {
    const before = await task('2020-3.1.1');
    const edited = await gw.api('PATCH', '/api/v1/tasks/2020-3.1.1', {
      token: office(),
      body: {
        changes: {
          milestones: [
            { title: '出台智能软件产业扶持细则', dueDate: daysFromNow(30) },
            { title: '建成软件产业公共服务平台', dueDate: daysFromNow(120) },
          ],
        },
        expectedVersion: before.version,
      },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.milestones.map((m: Json) => m.done)).toEqual([false, false]);
    expect(edited.json.activity.at(-1)).toMatchObject({ kind: 'edited', detail: 'milestones' });
    // The audit record says what the edit changed, from → to.
    const audit = await eventually(
      async () =>
        (
          (await gw.api('GET', '/api/v1/audit', { token: office(), query: { action: 'task.update', limit: '5' } })).json
            .items as Json[]
        )[0],
      'the audit record of the edit',
    );
    expect(audit.changes).toHaveLength(1);
    expect(audit.changes[0]).toMatchObject({
      field: 'milestones',
      to: expect.stringContaining('出台智能软件产业扶持细则'),
    });
    expect(audit.changes[0].from).not.toContain('出台智能软件产业扶持细则');
    await ensureAssigned(gw, '2020-3.1.1');
    const parentBefore = await task('2020-3.1');

    const res = await report('2020-3.1.1', {
      narrative: '扶持细则已印发，平台建设招标中',
      progress: 60,
      milestoneUpdates: [{ title: '出台智能软件产业扶持细则', done: true, evidence: '合经信〔2020〕12号' }],
      problems: '平台建设用地待落实',
      coordinationRequests: '请市自然资源局协调用地',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      id: `2020-3.1.1_city-economy-it_${period}`,
      lead: true,
      status: 'submitted',
      revision: 1,
      allowedActions: [],
    });
    const after = await task('2020-3.1.1');
    expect(after.progress).toBe(60);
    expect(after.milestones[0]).toMatchObject({ done: true, evidence: '合经信〔2020〕12号' });
    expect(after.milestones[1].done).toBe(false);
    // 3.1 has three sub-tasks of equal weight: (60 + 0 + 0) / 3.
    const parent = await task('2020-3.1');
    expect(parentBefore.progress).toBe(0);
    expect(parent.progress).toBe(20);
    expect(parent.activity.at(-1)).toMatchObject({ kind: 'progress_rolled_up', detail: '0% → 20%' });

    const seen = await eventually(async () => {
      const all = (await events()).filter((e) => e.aggregateId === '2020-3.1.1' || e.aggregateId === res.json.id);
      return all.some((e) => e.type === 'task.milestone_completed') ? all : undefined;
    });
    expect(seen.map((e: Json) => e.type)).toEqual(
      expect.arrayContaining(['task.progress_reported', 'task.updated', 'task.milestone_completed']),
    );
    expect(seen.find((e: Json) => e.type === 'task.milestone_completed').data).toMatchObject({
      milestone: '出台智能软件产业扶持细则',
      evidence: '合经信〔2020〕12号',
      late: false,
    });
    expect(seen.find((e: Json) => e.type === 'task.progress_reported').data).toMatchObject({
      unitId: 'city-economy-it',
      period,
      progress: 60,
      lead: true,
      resubmission: false,
      coordinationRequested: true,
    });
  });

  it('refuses a second report for the period; the office returns it with a comment and the unit resubmits', async () => {
    const id = `2020-3.1.1_city-economy-it_${period}`;
    const again = await report('2020-3.1.1', { narrative: '再报', progress: 70 });
    expect(again.status).toBe(409);

    const byBureau = await gw.api('POST', `/api/v1/reports/${id}/return`, { token: eit(), body: { comment: '退回' } });
    expect(byBureau.status).toBe(403);

    const returned = await gw.api('POST', `/api/v1/reports/${id}/return`, {
      token: office(),
      body: { comment: '请补充平台建设进度佐证' },
    });
    expect(returned.status, returned.text).toBe(200);
    expect(returned.json).toMatchObject({ status: 'returned', returnComment: '请补充平台建设进度佐证' });
    const asBureau = await gw.api('GET', `/api/v1/reports/${id}`, { token: eit() });
    expect(asBureau.json.allowedActions).toEqual(['resubmit']);
    const twice = await gw.api('POST', `/api/v1/reports/${id}/return`, { token: office(), body: { comment: '再退' } });
    expect(twice.status).toBe(409);

    const resubmitted = await report('2020-3.1.1', { narrative: '补充：平台已完成招标', progress: 80 });
    expect(resubmitted.status, resubmitted.text).toBe(201);
    expect(resubmitted.json).toMatchObject({ status: 'submitted', revision: 2 });
    expect(resubmitted.json.returnComment).toBeUndefined();
    expect(resubmitted.json.history.map((h: Json) => h.action)).toEqual(['submitted', 'returned', 'resubmitted']);
    expect((await task('2020-3.1.1')).progress).toBe(80);
    expect((await task('2020-3.1')).progress).toBe(26.7);

    // A report for an earlier month filled in late is kept, but never sets the task's progress back.
    const monthBefore = new Date(Date.now() + 8 * 3_600_000);
    monthBefore.setUTCDate(1);
    monthBefore.setUTCMonth(monthBefore.getUTCMonth() - 1);
    const late = await report('2020-3.1.1', {
      narrative: '补报上月进展',
      progress: 10,
      period: monthBefore.toISOString().slice(0, 7),
    });
    expect(late.status, late.text).toBe(201);
    expect((await task('2020-3.1.1')).progress).toBe(80);
  });

  it('a co-responsible unit reports without changing the task; it may not mark milestones', async () => {
    // 四(二) 人工智能+现代农业: led by 市农业农村局, the EIT bureau co-responsible.
    await ensureAssigned(gw, '2020-4.2');
    const before = await task('2020-4.2');
    const bad = await report('2020-4.2', {
      narrative: '配合推进',
      progress: 50,
      milestoneUpdates: [{ title: '任意节点', done: true }],
    });
    expect(bad.status).toBe(400);
    const ok = await report('2020-4.2', { narrative: '配合推进农业大数据平台建设', progress: 50 });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json.lead).toBe(false);
    const after = await task('2020-4.2');
    expect(after.progress).toBe(before.progress);
    expect(after.version).toBe(before.version);

    // The DRC bureau is not on 4.2: the report is not theirs to see.
    const drc = gw.accounts.bureauDrc.token;
    expect((await gw.api('GET', `/api/v1/reports/${ok.json.id}`, { token: drc })).status).toBe(404);
    const listed = await gw.api('GET', '/api/v1/reports', { token: drc, query: { taskCode: '2020-4.2' } });
    expect(listed.json.items).toEqual([]);
    const asOffice = await gw.api('GET', '/api/v1/reports', { token: office(), query: { taskCode: '2020-4.2' } });
    expect(asOffice.json.items.map((r: Json) => r.id)).toEqual([ok.json.id]);
  });

  it('bad reports change nothing: unknown milestone, future period, wrong cadence, someone else’s task, bad progress', async () => {
    await ensureAssigned(gw, '2020-3.3');
    const before = await task('2020-3.3');
    const next = new Date(Date.now() + 40 * 86_400_000);
    const cases: Array<[Json, number, RegExp]> = [
      [
        { narrative: 'x', progress: 10, milestoneUpdates: [{ title: '不存在的节点', done: true }] },
        400,
        /no milestone/,
      ],
      [{ narrative: 'x', progress: 10, period: currentPeriod(next) }, 400, /not begun/],
      [{ narrative: 'x', progress: 10, period: '2020-Q3' }, 400, /monthly/],
      [{ narrative: 'x', progress: 120 }, 400, /progress/],
      [{ narrative: '', progress: 10 }, 400, /narrative/],
    ];
    for (const [body, status, detail] of cases) {
      const res = await report('2020-3.3', body);
      expect(res.status, res.text).toBe(status);
      expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(res.text).toMatch(detail);
    }
    // 四(四) 教育: led by 市教育局 with the districts; the DRC bureau is not on it.
    await ensureAssigned(gw, '2020-4.4');
    const foreign = await report('2020-4.4', { narrative: 'x', progress: 10 }, gw.accounts.bureauDrc.token);
    expect(foreign.status).toBe(404);
    const after = await task('2020-3.3');
    expect(after.version).toBe(before.version);
    const none = await gw.api('GET', '/api/v1/reports', { token: office(), query: { taskCode: '2020-3.3' } });
    expect(none.json.items).toEqual([]);
  });

  it('shows reports due but missing: open tasks and lead units without a report, bureau staff only their own', async () => {
    const asOffice = await gw.api('GET', '/api/v1/reports/missing', { token: office(), query: { period } });
    expect(asOffice.status).toBe(200);
    expect(asOffice.json.period).toBe(period);
    const missing = asOffice.json.items.map((m: Json) => `${m.taskCode}|${m.unitId}`);
    // 3.3 is assigned and led by EIT and 招商局, no report yet; 3.1.1 was reported by EIT only.
    expect(missing).toEqual(expect.arrayContaining(['2020-3.3|city-economy-it', '2020-3.3|city-investment-promotion']));
    expect(missing).toContain('2020-3.1.1|city-drc');
    expect(missing).not.toContain('2020-3.1.1|city-economy-it');
    // Drafts owe nothing.
    expect(missing.some((m: string) => m.startsWith('2020-4.10|'))).toBe(false);

    const asEit = await gw.api('GET', '/api/v1/reports/missing', { token: eit(), query: { period } });
    expect(asEit.json.items.length).toBeGreaterThan(0);
    expect(asEit.json.items.every((m: Json) => m.unitId === 'city-economy-it')).toBe(true);
    const badPeriod = await gw.api('GET', '/api/v1/reports/missing', { token: office(), query: { period: '2020-13' } });
    expect(badPeriod.status).toBe(400);
  });

  it('a report interrupted before reaching its task is applied by the sweep, exactly once', async () => {
    await ensureAssigned(gw, '2020-4.1');
    const progress = tasks.get(TaskProgress);
    const spy = vi.spyOn(progress, 'applyReport').mockRejectedValueOnce(new Error('crash between the two writes'));
    const res = await report('2020-4.1', { narrative: '智能工厂改造推进中', progress: 45 });
    expect(res.status).toBe(500);
    spy.mockRestore();
    const stored = await gw.api('GET', `/api/v1/reports/2020-4.1_city-economy-it_${period}`, { token: office() });
    expect(stored.json.status).toBe('submitted');
    expect((await task('2020-4.1')).progress).toBe(0);

    const sweeper = tasks.get(ProgressReports);
    expect(await sweeper.applyPending()).toBeGreaterThanOrEqual(1);
    const applied = await task('2020-4.1');
    expect(applied.progress).toBe(45);
    expect(await sweeper.applyPending()).toBe(0);
    // Applying the same report again (e.g. two sweeps racing) changes nothing.
    const doc = await sweeper.collection.findOne({ _id: `2020-4.1_city-economy-it_${period}` } as never);
    await progress.applyReport(doc as never, {
      correlationId: 'again',
      causationId: 'again',
      actor: { kind: 'system', id: 'test' },
    });
    const after = await task('2020-4.1');
    expect(after.version).toBe(applied.version);
    expect(after.activity.filter((a: Json) => a.kind === 'progress_reported')).toHaveLength(1);
  });

  it('office edits are checked: only the office, dates in order, done milestones kept', async () => {
    const t = await task('2020-3.1.1');
    const byBureau = await gw.api('PATCH', '/api/v1/tasks/2020-3.1.1', {
      token: eit(),
      body: { changes: { riskLevel: 'high' } },
    });
    expect(byBureau.status).toBe(403);
    const backwards = await gw.api('PATCH', '/api/v1/tasks/2020-3.1.1', {
      token: office(),
      body: { changes: { startDate: '2020-12-01', dueDate: '2020-06-30' } },
    });
    expect(backwards.status).toBe(400);
    const dropDone = await gw.api('PATCH', '/api/v1/tasks/2020-3.1.1', {
      token: office(),
      body: { changes: { milestones: [{ title: '建成软件产业公共服务平台', dueDate: daysFromNow(100) }] } },
    });
    expect(dropDone.status).toBe(400);
    expect(dropDone.json.detail).toMatch(/done milestones stay/);
    const empty = await gw.api('PATCH', '/api/v1/tasks/2020-3.1.1', { token: office(), body: { changes: {} } });
    expect(empty.status).toBe(400);
    const stale = await gw.api('PATCH', '/api/v1/tasks/2020-3.1.1', {
      token: office(),
      body: { changes: { riskLevel: 'medium' }, expectedVersion: t.version - 1 },
    });
    expect(stale.status).toBe(409);
    expect((await task('2020-3.1.1')).version).toBe(t.version);
  });

  it('filters the list by section, words, risk and overdue', async () => {
    const list = async (query: Record<string, string>) =>
      (await gw.api('GET', '/api/v1/tasks', { token: office(), query: { limit: '500', ...query } })).json.items.map(
        (t: Json) => t.code,
      );
    const section4 = await list({ section: '4' });
    expect(section4).toContain('2020-4.2');
    expect(section4.every((c: string) => c.startsWith('2020-4.'))).toBe(true);
    expect(await list({ q: '现代农业' })).toEqual(['2020-4.2']);
    expect(await list({ q: '2020-3.1.' })).toEqual(['2020-3.1.1', '2020-3.1.2', '2020-3.1.3']);

    await gw.api('PATCH', '/api/v1/tasks/2020-4.8', {
      token: office(),
      body: { changes: { riskLevel: 'high', startDate: '2020-01-01', dueDate: '2020-06-30' } },
    });
    await ensureAssigned(gw, '2020-4.8');
    await gw.api('PATCH', '/api/v1/tasks/2020-4.9', {
      token: office(),
      body: { changes: { dueDate: daysFromNow(60) } },
    });
    expect(await list({ riskLevel: 'high' })).toEqual(['2020-4.8']);
    // The seed's tasks are due in 2020: all of them are late now, except one given a later date.
    const overdue = await list({ overdue: 'true' });
    expect(overdue).toContain('2020-4.8');
    expect(overdue).not.toContain('2020-4.9');
    expect(await list({ overdue: 'false', section: '4' })).toEqual(['2020-4.9']);
    const small = await gw.api('GET', '/api/v1/tasks', { token: office(), query: { overdue: 'true', limit: '2' } });
    expect(small.json.items).toHaveLength(2);
    expect(small.json.next).toBe(small.json.items[1].code);
    const bad = await gw.api('GET', '/api/v1/tasks', { token: office(), query: { section: 'two' } });
    expect(bad.status).toBe(400);
  });

  it('reminds once of a due date coming up (task.due_soon), and flags an assigned task past its due date once', async () => {
    await ensureAssigned(gw, '2020-4.9');
    await gw.api('PATCH', '/api/v1/tasks/2020-4.9', {
      token: office(),
      body: { changes: { dueDate: daysFromNow(2) } },
    });
    const clock = tasks.get(OverdueClock);
    await clock.sweep();
    await clock.sweep();
    const reminders = await eventually(async () => {
      const found = (await events()).filter((e) => e.type === 'task.due_soon' && e.aggregateId === '2020-4.9');
      return found.length > 0 ? found : undefined;
    });
    expect(reminders).toHaveLength(1);
    expect(reminders[0].data).toMatchObject({ code: '2020-4.9', dueDate: daysFromNow(2), status: 'assigned' });
    expect(reminders[0].data.daysLeft).toBeGreaterThanOrEqual(1);
    expect(reminders[0].data.daysLeft).toBeLessThanOrEqual(3);
    const flagged = (await events()).filter((e) => e.type === 'task.overdue_flagged' && e.aggregateId === '2020-4.8');
    expect(flagged).toHaveLength(1);
    expect(flagged[0].data).toMatchObject({ dueDate: '2020-06-30', status: 'assigned' });
  });

  it('exports the responsibility list and the progress ledger as CSV and Excel, bureau staff only their own', async () => {
    const csv = await gw.api('GET', '/api/v1/exports/responsibility-list', {
      token: office(),
      query: { year: '2020', format: 'csv' },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('牵头单位 Lead units');
    expect(lines).toHaveLength(34);
    const agri = lines.find((l) => l.startsWith('2020-4.2,'));
    expect(agri).toContain('人工智能+现代农业');
    expect(agri).toContain('市农业农村局');

    const own = await gw.api('GET', '/api/v1/exports/responsibility-list', { token: eit(), query: { year: '2020' } });
    const ownCodes = own.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(ownCodes).toContain('2020-4.2');
    expect(ownCodes).not.toContain('2020-4.7');

    const xlsx = await fetch(`${gw.baseUrl}/api/v1/exports/progress-ledger?year=2020&format=xlsx`, {
      headers: { authorization: `Bearer ${office()}` },
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain('progress-ledger-2020.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as ExcelJS.Buffer);
    const sheet = book.getWorksheet('进展台账')!;
    expect(sheet.rowCount).toBe(34);
    const row = (code: string) => {
      for (let i = 2; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(1).value === code) return sheet.getRow(i);
      throw new Error(`no row for ${code}`);
    };
    expect(row('2020-3.1.1').getCell(5).value).toBe(80);
    expect(row('2020-3.1.1').getCell(9).value).toBe('1/2');
    expect(row('2020-3.1.1').getCell(10).value).toBe(period);
    expect(row('2020-3.1.1').getCell(13).value).toBe('补充：平台已完成招标');
    expect(row('2020-4.8').getCell(7).value).toBe('是');

    const badFormat = await gw.api('GET', '/api/v1/exports/progress-ledger', {
      token: office(),
      query: { year: '2020', format: 'pdf' },
    });
    expect(badFormat.status).toBe(400);
  });
});
