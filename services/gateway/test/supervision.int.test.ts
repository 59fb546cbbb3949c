import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTasksService } from './tasks-service';
import { SupervisionClock } from '../../tasks/src/supervision/supervision-clock';
import { eventually, startGateway, type Gateway, type Json, streamEvents } from './gateway-harness';
import { daysFromNow, ensureAssigned, openNotice } from './supervision-fixtures';

/**
 * Supervision notices (督办) and extension requests end to end through real HTTP: gateway →
 * NATS request/reply → tasks service → its database, the events in JetStream, unit scope on the
 * way, and the supervision clock escalating once however many copies sweep.
 *
 * Tasks used (seed 2020 plan): 2020-4.1 is led by the EIT bureau (the DRC bureau is co-responsible,
 * the agriculture bureau is not on it); 2020-3.3 and 2020-4.8 are led by EIT too; 2020-4.4 stays a draft.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');
const DAY = 86_400_000;

describe('supervision notices and extension requests through the tasks service', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let nc: NatsConnection;
  /** A bureau user of a unit that is neither lead nor co-responsible on 2020-4.1. */
  let outsider: string;
  const prefix = uniqueToken();

  const office = () => gw.accounts.office.token;
  const eit = () => gw.accounts.bureauEit.token;
  const drc = () => gw.accounts.bureauDrc.token;

  const events = () => streamEvents(nc, prefix);

  /** Waits until the stream holds `count` events matching `match` (the relay publishes just after the commit). */
  function eventsMatching(match: (e: Json) => boolean, count = 1): Promise<Json[]> {
    return eventually(async () => {
      const found = (await events()).filter(match);
      return found.length >= count ? found : undefined;
    }, 'the events in JetStream');
  }

  beforeAll(async () => {
    // The test runs both clocks itself.
    tasks = await startTasksService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    gw = await startGateway();
    nc = await connect({ servers: inject('natsUrl') });
    const imported = await gw.api('POST', '/api/v1/plans/import', {
      token: office(),
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(imported.status).toBe(200);
    for (const code of ['2020-4.1', '2020-3.3', '2020-4.8']) await ensureAssigned(gw, code);
    const user = await gw.throwawayUser({ roles: ['bureau'], unitId: 'city-agriculture' });
    const session = await gw.signIn(user.username, user.password);
    expect(session.status).toBe(200);
    outsider = session.json.accessToken;
  });

  afterAll(async () => {
    await nc?.drain();
    await gw?.close();
    await tasks?.close();
  });

  describe('supervision notices', () => {
    it('goes open → responded → closed: the office sends, a lead unit responds, the office closes', async () => {
      const requestId = `req-${uniqueToken()}`;
      const deadline = daysFromNow(10);
      const sent = await gw.api('POST', '/api/v1/tasks/2020-4.1/supervision-notices', {
        token: office(),
        body: { reason: '  季度进度滞后  ', requiredResponse: '说明原因并提交整改计划', deadline },
        headers: { 'X-Request-Id': requestId },
      });
      expect(sent.status, sent.text).toBe(201);
      expect(sent.json).toMatchObject({
        taskCode: '2020-4.1',
        status: 'open',
        reason: '季度进度滞后',
        deadline,
        leadUnitIds: ['city-economy-it'],
        overdue: false,
        sentBy: gw.accounts.office.id,
        history: [],
        allowedActions: [],
      });
      const id: string = sent.json.id;

      // The lead unit may respond; a co-responsible unit sees it but may not.
      const asLead = await gw.api('GET', `/api/v1/supervision-notices/${id}`, { token: eit() });
      expect(asLead.status).toBe(200);
      expect(asLead.json.allowedActions).toEqual(['respond']);
      const asCo = await gw.api('GET', `/api/v1/supervision-notices/${id}`, { token: drc() });
      expect(asCo.status).toBe(200);
      expect(asCo.json.allowedActions).toEqual([]);
      const coResponds = await gw.api('POST', `/api/v1/supervision-notices/${id}/responses`, {
        token: drc(),
        body: { response: '配合单位代为答复' },
      });
      expect(coResponds.status).toBe(403);

      // Closing before a response is not a move of an open notice.
      const early = await gw.api('POST', `/api/v1/supervision-notices/${id}/close`, { token: office() });
      expect(early.status).toBe(409);
      expect(early.json).toMatchObject({ currentStatus: 'open', allowedNext: ['responded', 'escalated'] });

      const responseRequestId = `req-${uniqueToken()}`;
      const responded = await gw.api('POST', `/api/v1/supervision-notices/${id}/responses`, {
        token: eit(),
        body: { response: '已完成整改计划', evidence: '整改计划(第3版)' },
        headers: { 'X-Request-Id': responseRequestId },
      });
      expect(responded.status, responded.text).toBe(200);
      expect(responded.json).toMatchObject({
        status: 'responded',
        response: {
          text: '已完成整改计划',
          evidence: '整改计划(第3版)',
          by: gw.accounts.bureauEit.id,
          unitId: 'city-economy-it',
          late: false,
        },
        allowedActions: [],
      });

      const again = await gw.api('POST', `/api/v1/supervision-notices/${id}/responses`, {
        token: eit(),
        body: { response: '再次答复' },
      });
      expect(again.status).toBe(409);
      expect(again.json).toMatchObject({ currentStatus: 'responded', allowedNext: ['closed'] });
      expect((await gw.api('POST', `/api/v1/supervision-notices/${id}/close`, { token: eit() })).status).toBe(403);

      const closed = await gw.api('POST', `/api/v1/supervision-notices/${id}/close`, {
        token: office(),
        body: { comment: '整改到位' },
      });
      expect(closed.status, closed.text).toBe(200);
      expect(closed.json).toMatchObject({
        status: 'closed',
        closedBy: gw.accounts.office.id,
        closeComment: '整改到位',
      });
      expect(closed.json.history.map((h: Json) => [h.from, h.to])).toEqual([
        ['open', 'responded'],
        ['responded', 'closed'],
      ]);
      expect(closed.json.history[1].comment).toBe('整改到位');
      const closedAgain = await gw.api('POST', `/api/v1/supervision-notices/${id}/close`, { token: office() });
      expect(closedAgain.status).toBe(409);
      expect(closedAgain.json).toMatchObject({ currentStatus: 'closed', allowedNext: [] });

      const listed = await gw.api('GET', '/api/v1/supervision-notices', {
        token: office(),
        query: { taskCode: '2020-4.1', status: 'closed' },
      });
      expect(listed.status).toBe(200);
      expect(listed.json.items.map((n: Json) => n.id)).toEqual([id]);

      // Both events reached JetStream, correlated with the requests that caused them.
      const [sentEvent] = await eventsMatching((e) => e.type === 'supervision.notice_sent' && e.data.noticeId === id);
      expect(sentEvent).toMatchObject({
        source: 'tasks',
        version: 1,
        aggregateId: id,
        correlationId: requestId,
        causationId: requestId,
        actor: { kind: 'user', id: gw.accounts.office.id },
        data: { code: '2020-4.1', deadline, leadUnitIds: ['city-economy-it'], reason: '季度进度滞后' },
      });
      const [respondedEvent] = await eventsMatching(
        (e) => e.type === 'supervision.notice_responded' && e.data.noticeId === id,
      );
      expect(respondedEvent).toMatchObject({
        correlationId: responseRequestId,
        data: { unitId: 'city-economy-it', late: false, afterEscalation: false, evidence: '整改计划(第3版)' },
      });
    });

    it('shows a notice only to the units of its task: another unit’s bureau user gets 404 and an empty list', async () => {
      const id = await openNotice(gw, '2020-4.1');
      expect((await gw.api('GET', `/api/v1/supervision-notices/${id}`, { token: outsider })).status).toBe(404);
      const responds = await gw.api('POST', `/api/v1/supervision-notices/${id}/responses`, {
        token: outsider,
        body: { response: '越权答复' },
      });
      expect(responds.status).toBe(404);
      const theirs = await gw.api('GET', '/api/v1/supervision-notices', { token: outsider, query: { limit: '500' } });
      expect(theirs.status).toBe(200);
      expect(theirs.json.items).toEqual([]);
      const byTask = await gw.api('GET', '/api/v1/supervision-notices', {
        token: outsider,
        query: { taskCode: '2020-4.1' },
      });
      expect(byTask.json.items).toEqual([]);

      // The lead and the co-responsible unit both list it; the office lists everything.
      for (const token of [eit(), drc(), office()]) {
        const seen = await gw.api('GET', '/api/v1/supervision-notices', { token, query: { limit: '500' } });
        expect(seen.json.items.map((n: Json) => n.id)).toContain(id);
      }
      // A notice on a task where neither the EIT bureau nor the agriculture bureau is a unit (DRC is co-responsible).
      const foreign = await openNotice(gw, '2020-4.3');
      expect((await gw.api('GET', `/api/v1/supervision-notices/${foreign}`, { token: eit() })).status).toBe(404);
      const eitList = await gw.api('GET', '/api/v1/supervision-notices', { token: eit(), query: { limit: '500' } });
      expect(eitList.json.items.map((n: Json) => n.id)).not.toContain(foreign);
      expect((await gw.api('GET', `/api/v1/supervision-notices/${foreign}`, { token: outsider })).status).toBe(404);
      expect((await gw.api('GET', `/api/v1/supervision-notices/${foreign}`, { token: drc() })).status).toBe(200);
    });

    it('pages a list newest first with a `next` cursor', async () => {
      const ids = [
        await openNotice(gw, '2020-3.3'),
        await openNotice(gw, '2020-3.3'),
        await openNotice(gw, '2020-3.3'),
      ];
      const seen: string[] = [];
      let after: string | undefined;
      for (let i = 0; i < 5; i++) {
        const res = await gw.api('GET', '/api/v1/supervision-notices', {
          token: office(),
          query: { taskCode: '2020-3.3', limit: '2', ...(after ? { after } : {}) },
        });
        expect(res.status, res.text).toBe(200);
        seen.push(...res.json.items.map((n: Json) => n.id));
        after = res.json.next;
        if (!after) break;
      }
      expect(seen).toEqual([...ids].reverse());
    });

    it('refuses bad input with 400 and a notice on a draft task with 409', async () => {
      const send = (body: unknown, code = '2020-4.1') =>
        gw.api('POST', `/api/v1/tasks/${code}/supervision-notices`, { token: office(), body });
      const good = { reason: '督办', requiredResponse: '答复', deadline: daysFromNow(7) };
      const bad: Array<[unknown, string]> = [
        [{ ...good, deadline: '2030/01/01' }, 'body.deadline'],
        [{ ...good, deadline: '2030-02-30' }, 'body.deadline'],
        [{ ...good, reason: '   ' }, 'body.reason'],
        [{ ...good, reason: 'x'.repeat(2001) }, 'body.reason'],
        [{ ...good, extra: 1 }, 'body'],
        [{ reason: '督办', deadline: daysFromNow(7) }, 'body.requiredResponse'],
      ];
      for (const [body, path] of bad) {
        const res = await send(body);
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(res.json.errors.map((e: Json) => e.path)).toContain(path);
      }
      const past = await send({ ...good, deadline: daysFromNow(-3) });
      expect(past.status).toBe(400);
      expect(past.json.errors[0]).toMatchObject({ path: 'deadline' });

      const draft = await send(good, '2020-4.4');
      expect(draft.status).toBe(409);
      expect(draft.json.taskStatus).toBe('draft');
      expect((await send(good, '2020-9.9')).status).toBe(404);

      expect((await gw.api('GET', '/api/v1/supervision-notices/not-a-uuid', { token: office() })).status).toBe(400);
      expect(
        (await gw.api('GET', '/api/v1/supervision-notices', { token: office(), query: { status: 'lost' } })).status,
      ).toBe(400);
      const id = await openNotice(gw, '2020-4.1');
      const empty = await gw.api('POST', `/api/v1/supervision-notices/${id}/responses`, { token: eit(), body: {} });
      expect(empty.status).toBe(400);
      const operator = await gw.api('POST', `/api/v1/supervision-notices/${id}/responses`, {
        token: eit(),
        body: { response: { $gt: '' } },
      });
      expect(operator.status).toBe(400);
    });

    it('escalates a notice past its deadline exactly once, even with two clocks sweeping at the same moment', async () => {
      const clock = tasks.get(SupervisionClock);
      const deadline = daysFromNow(2);
      const id = await openNotice(gw, '2020-4.8', deadline);
      const later = new Date(Date.now() + 5 * DAY);
      const openBefore = (
        await gw.api('GET', '/api/v1/supervision-notices', { token: office(), query: { status: 'open', limit: '500' } })
      ).json.items.filter((n: Json) => n.deadline < daysFromNow(5));
      // Earlier tests' open notices are due in two weeks: only this one is past its deadline `later`.
      expect(openBefore.map((n: Json) => n.id)).toEqual([id]);

      expect(await clock.sweep()).toBe(0);
      const [a, b] = await Promise.all([clock.sweep(later), clock.sweep(later)]);
      expect(a + b).toBe(1);
      expect(await clock.sweep(later)).toBe(0);

      const escalated = await gw.api('GET', `/api/v1/supervision-notices/${id}`, { token: eit() });
      // Escalated as of `later`; by the real clock the deadline is still ahead, so not (yet) overdue.
      expect(escalated.json).toMatchObject({ status: 'escalated', overdue: false, allowedActions: ['respond'] });
      expect(escalated.json.history).toMatchObject([{ from: 'open', to: 'escalated', by: 'tasks-supervision-clock' }]);
      const byStatus = await gw.api('GET', '/api/v1/supervision-notices', {
        token: eit(),
        query: { status: 'escalated' },
      });
      expect(byStatus.json.items.map((n: Json) => n.id)).toContain(id);

      const late = await gw.api('POST', `/api/v1/supervision-notices/${id}/responses`, {
        token: eit(),
        body: { response: '已补充答复' },
      });
      expect(late.status, late.text).toBe(200);
      expect(late.json.status).toBe('responded');
      const closed = await gw.api('POST', `/api/v1/supervision-notices/${id}/close`, { token: office() });
      expect(closed.json.history.map((h: Json) => h.to)).toEqual(['escalated', 'responded', 'closed']);

      const escalations = await eventsMatching(
        (e) => e.type === 'supervision.notice_escalated' && e.data.noticeId === id,
      );
      // Give a duplicate the time to show up, then count again.
      await new Promise((r) => setTimeout(r, 300));
      expect(
        (await events()).filter((e) => e.type === 'supervision.notice_escalated' && e.data.noticeId === id),
      ).toHaveLength(1);
      expect(escalations[0]).toMatchObject({
        actor: { kind: 'system', id: 'tasks-supervision-clock' },
        data: { code: '2020-4.8', deadline, leadUnitIds: ['city-ecology-environment', 'city-economy-it'] },
      });
      const [answer] = await eventsMatching((e) => e.type === 'supervision.notice_responded' && e.data.noticeId === id);
      expect(answer.data).toMatchObject({ afterEscalation: true, late: false });
    });
  });

  describe('extension requests', () => {
    it('approves: the task’s due date changes with a history entry and task.extension_decided', async () => {
      const before = await gw.api('GET', '/api/v1/tasks/2020-4.1', { token: office() });
      expect(before.json.dueDate).toBe('2020-12-31');
      expect(before.json.overdue).toBe(true);
      const dueDate = daysFromNow(180);
      const requestId = `req-${uniqueToken()}`;
      const asked = await gw.api('POST', '/api/v1/tasks/2020-4.1/extension-requests', {
        token: eit(),
        body: { dueDate, reason: '核心设备进口受阻' },
        headers: { 'X-Request-Id': requestId },
      });
      expect(asked.status, asked.text).toBe(201);
      expect(asked.json).toMatchObject({
        status: 'pending',
        taskCode: '2020-4.1',
        currentDueDate: '2020-12-31',
        requestedDueDate: dueDate,
        requestedBy: gw.accounts.bureauEit.id,
        unitId: 'city-economy-it',
      });
      const id: string = asked.json.id;

      // One open request per task.
      const second = await gw.api('POST', '/api/v1/tasks/2020-4.1/extension-requests', {
        token: eit(),
        body: { dueDate: daysFromNow(200), reason: '再次申请' },
      });
      expect(second.status).toBe(409);
      expect(second.json.openRequestId).toBe(id);
      // The co-responsible unit may not ask; a unit not on the task does not see it.
      const co = await gw.api('POST', '/api/v1/tasks/2020-4.1/extension-requests', {
        token: drc(),
        body: { dueDate, reason: '配合单位申请' },
      });
      expect(co.status).toBe(403);
      const stranger = await gw.api('POST', '/api/v1/tasks/2020-4.1/extension-requests', {
        token: outsider,
        body: { dueDate, reason: '越权申请' },
      });
      expect(stranger.status).toBe(404);

      const pending = await gw.api('GET', '/api/v1/extension-requests', {
        token: office(),
        query: { status: 'pending' },
      });
      expect(pending.json.items.map((r: Json) => r.id)).toContain(id);
      const outsiderList = await gw.api('GET', '/api/v1/extension-requests', { token: outsider });
      expect(outsiderList.status).toBe(200);
      expect(outsiderList.json.items).toEqual([]);
      const drcList = await gw.api('GET', '/api/v1/extension-requests', { token: drc() });
      expect(drcList.json.items.map((r: Json) => r.id)).toContain(id);

      const decisionRequestId = `req-${uniqueToken()}`;
      const approved = await gw.api('POST', `/api/v1/extension-requests/${id}/decision`, {
        token: office(),
        body: { approve: true, reason: '理由充分' },
        headers: { 'X-Request-Id': decisionRequestId },
      });
      expect(approved.status, approved.text).toBe(200);
      expect(approved.json).toMatchObject({
        status: 'approved',
        decidedBy: gw.accounts.office.id,
        decisionReason: '理由充分',
      });

      const after = await gw.api('GET', '/api/v1/tasks/2020-4.1', { token: office() });
      expect(after.json.dueDate).toBe(dueDate);
      expect(after.json.overdue).toBe(false);
      expect(after.json.status).toBe(before.json.status);
      expect(after.json.version).toBeGreaterThan(before.json.version);
      const entry = after.json.history[after.json.history.length - 1];
      expect(entry).toMatchObject({ by: gw.accounts.office.id, from: before.json.status, to: before.json.status });
      expect(entry.reason).toContain(`due date 2020-12-31 → ${dueDate}`);
      expect(entry.reason).toContain(id);

      const twice = await gw.api('POST', `/api/v1/extension-requests/${id}/decision`, {
        token: office(),
        body: { approve: false, reason: '改变主意' },
      });
      expect(twice.status).toBe(409);
      expect(twice.json).toMatchObject({ currentStatus: 'approved', allowedNext: [] });

      const [requested] = await eventsMatching((e) => e.type === 'task.extension_requested' && e.data.requestId === id);
      expect(requested).toMatchObject({
        aggregateId: '2020-4.1',
        correlationId: requestId,
        causationId: requestId,
        data: { code: '2020-4.1', currentDueDate: '2020-12-31', requestedDueDate: dueDate, unitId: 'city-economy-it' },
      });
      const [decided] = await eventsMatching((e) => e.type === 'task.extension_decided' && e.data.requestId === id);
      expect(decided).toMatchObject({
        source: 'tasks',
        aggregateId: '2020-4.1',
        aggregateVersion: after.json.version,
        correlationId: decisionRequestId,
        causationId: decisionRequestId,
        actor: { kind: 'user', id: gw.accounts.office.id },
        data: {
          approved: true,
          previousDueDate: '2020-12-31',
          requestedDueDate: dueDate,
          dueDate,
          reason: '理由充分',
          leadUnitIds: ['city-economy-it'],
        },
      });
    });

    it('rejects with a reason (required), leaving the due date; a new request may follow a decision', async () => {
      const current = (await gw.api('GET', '/api/v1/tasks/2020-4.1', { token: office() })).json.dueDate;
      const asked = await gw.api('POST', '/api/v1/tasks/2020-4.1/extension-requests', {
        token: eit(),
        body: { dueDate: daysFromNow(365), reason: '再延期半年' },
      });
      expect(asked.status, asked.text).toBe(201);
      const id: string = asked.json.id;
      expect(asked.json.currentDueDate).toBe(current);

      const noReason = await gw.api('POST', `/api/v1/extension-requests/${id}/decision`, {
        token: office(),
        body: { approve: false },
      });
      expect(noReason.status).toBe(400);
      expect(noReason.json.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
      const requestId = `req-${uniqueToken()}`;
      const rejected = await gw.api('POST', `/api/v1/extension-requests/${id}/decision`, {
        token: office(),
        body: { approve: false, reason: '已延期一次' },
        headers: { 'X-Request-Id': requestId },
      });
      expect(rejected.status, rejected.text).toBe(200);
      expect(rejected.json).toMatchObject({ status: 'rejected', decisionReason: '已延期一次' });
      expect((await gw.api('GET', '/api/v1/tasks/2020-4.1', { token: office() })).json.dueDate).toBe(current);

      const listed = await gw.api('GET', '/api/v1/extension-requests', {
        token: eit(),
        query: { status: 'rejected', taskCode: '2020-4.1' },
      });
      expect(listed.json.items.map((r: Json) => r.id)).toEqual([id]);
      const [decided] = await eventsMatching((e) => e.type === 'task.extension_decided' && e.data.requestId === id);
      expect(decided).toMatchObject({
        correlationId: requestId,
        data: { approved: false, reason: '已延期一次', previousDueDate: current, dueDate: current },
      });
    });

    it('keeps one open request per task when two arrive at once', async () => {
      const ask = () =>
        gw.api('POST', '/api/v1/tasks/2020-3.3/extension-requests', {
          token: eit(),
          body: { dueDate: daysFromNow(100), reason: '并发申请' },
        });
      const results = await Promise.all([ask(), ask(), ask()]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      const pending = await gw.api('GET', '/api/v1/extension-requests', {
        token: office(),
        query: { taskCode: '2020-3.3', status: 'pending' },
      });
      expect(pending.json.items).toHaveLength(1);
    });

    it('refuses bad input with 400 and requests on tasks that cannot be extended with 409', async () => {
      const ask = (body: unknown, code = '2020-4.8') =>
        gw.api('POST', `/api/v1/tasks/${code}/extension-requests`, { token: eit(), body });
      expect((await ask({ dueDate: '31/12/2021', reason: '格式不对' })).status).toBe(400);
      expect((await ask({ dueDate: daysFromNow(30) })).status).toBe(400);
      expect((await ask({ dueDate: daysFromNow(30), reason: 'x'.repeat(2001) })).status).toBe(400);
      const earlier = await ask({ dueDate: '2020-06-30', reason: '提前' });
      expect(earlier.status).toBe(400);
      expect(earlier.json.errors.map((e: Json) => e.path)).toContain('dueDate');
      // 2020-3.1 (led by EIT) was never assigned; 2020-4.3 is not the EIT bureau's at all.
      const draft = await ask({ dueDate: daysFromNow(30), reason: '草稿任务' }, '2020-3.1');
      expect(draft.status).toBe(409);
      expect(draft.json.taskStatus).toBe('draft');
      expect((await ask({ dueDate: daysFromNow(30), reason: '他人任务' }, '2020-4.3')).status).toBe(404);

      const decide = (id: string, body: unknown) =>
        gw.api('POST', `/api/v1/extension-requests/${id}/decision`, { token: office(), body });
      expect((await decide('not-a-uuid', { approve: true })).status).toBe(400);
      expect((await decide(randomUUID(), { approve: 'yes' })).status).toBe(400);
      expect((await decide(randomUUID(), { approve: true })).status).toBe(404);
      expect(
        (await gw.api('GET', '/api/v1/extension-requests', { token: office(), query: { after: 'x' } })).status,
      ).toBe(400);
    });
  });
});
