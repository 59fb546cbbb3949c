import { uniqueToken } from '@aiplat/testing';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTasksService } from './tasks-service';
import type { INestMicroservice } from '@nestjs/common';
import { OverdueClock } from '../../tasks/src/task/overdue-clock';
import { eventually, startGateway, type Gateway, type Json } from './gateway-harness';

/**
 * The path the platform is built around, end to end through real HTTP:
 * gateway → NATS request/reply → tasks service → its database, and the
 * task.status_changed event in JetStream. Unit scope is enforced on the way.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');

describe('task routes through the tasks service', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let nc: NatsConnection;
  const prefix = uniqueToken();

  beforeAll(async () => {
    tasks = await startTasksService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    gw = await startGateway();
    nc = await connect({ servers: inject('natsUrl') });
    const office = gw.accounts.office.token;
    const imported = await gw.api('POST', '/api/v1/plans/import', {
      token: office,
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(imported.status).toBe(200);
  });
  afterAll(async () => {
    await nc?.drain();
    await gw?.close();
    await tasks?.close();
  });

  it('imports the seed once: a second import creates nothing', async () => {
    const again = await gw.api('POST', '/api/v1/plans/import', {
      token: gw.accounts.office.token,
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(again.status).toBe(200);
    expect(again.json.created).toEqual([]);
    expect(again.json.unchanged).toHaveLength(33);
  });

  it('reports a task the text now describes differently as changed, and leaves it as it is', async () => {
    const seed = readFileSync(SEED, 'utf8');
    const edited = seed.replace('责任单位:市科技局、市发改委牵头,', '责任单位:市科技局牵头,');
    expect(edited).not.toBe(seed);
    const before = (await gw.api('GET', '/api/v1/tasks', { token: gw.accounts.office.token, query: { limit: '500' } }))
      .json.items as Json[];
    const res = await gw.api('POST', '/api/v1/plans/import', {
      token: gw.accounts.office.token,
      body: { year: 2020, text: edited },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.created).toEqual([]);
    expect(res.json.changed).toHaveLength(1);
    const [change] = res.json.changed as Json[];
    const task = before.find((t) => t.code === change.code)!;
    expect(change.changes).toEqual([{ field: 'leadUnitIds', from: task.leadUnitIds, to: [task.leadUnitIds[0]] }]);
    expect(res.json.unchanged).toHaveLength(32);
    const after = await gw.api('GET', `/api/v1/tasks/${change.code}`, { token: gw.accounts.office.token });
    expect(after.json.leadUnitIds).toEqual(task.leadUnitIds);
  });

  it('shows bureau staff only their own unit’s tasks, and 404 for another unit’s task', async () => {
    const all: Json[] = (
      await gw.api('GET', '/api/v1/tasks', { token: gw.accounts.office.token, query: { limit: '500' } })
    ).json.items;
    const unit = gw.accounts.bureauEit.unitId;
    const mine = all.filter((t) => [...t.leadUnitIds, ...t.coUnitIds].includes(unit));
    const notMine = all.filter((t) => ![...t.leadUnitIds, ...t.coUnitIds].includes(unit));
    expect(mine.length).toBeGreaterThan(0);
    expect(notMine.length).toBeGreaterThan(0);

    const seen = await gw.api('GET', '/api/v1/tasks', { token: gw.accounts.bureauEit.token, query: { limit: '500' } });
    expect(seen.status).toBe(200);
    expect(seen.json.items.map((t: Json) => t.code).sort()).toEqual(mine.map((t) => t.code).sort());

    const other = await gw.api('GET', `/api/v1/tasks/${notMine[0].code}`, { token: gw.accounts.bureauEit.token });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    const foreignFilter = await gw.api('GET', '/api/v1/tasks', {
      token: gw.accounts.bureauEit.token,
      query: { unitId: notMine[0].leadUnitIds[0] },
    });
    expect(foreignFilter.json.items.filter((t: Json) => !mine.some((m) => m.code === t.code))).toEqual([]);
  });

  it('moves a task through its workflow, refuses a move not allowed with the allowed moves, and emits task.status_changed', async () => {
    const all: Json[] = (
      await gw.api('GET', '/api/v1/tasks', { token: gw.accounts.office.token, query: { limit: '500' } })
    ).json.items;
    const task = all.find((t) => t.leadUnitIds.includes(gw.accounts.bureauEit.unitId) && !t.parentCode);
    expect(task).toBeDefined();
    const requestId = `req-${uniqueToken()}`;
    const assign = await gw.api('POST', `/api/v1/tasks/${task.code}/moves`, {
      token: gw.accounts.office.token,
      body: { move: 'assign' },
      headers: { 'X-Request-Id': requestId },
    });
    expect(assign.status).toBe(200);
    expect(assign.json.status).toBe('assigned');
    // The office does not report a unit's work for it: it is offered, and may make, only its own moves.
    expect(assign.json.allowedMoves).toEqual(['cancel']);
    const forUnit = await gw.api('POST', `/api/v1/tasks/${task.code}/moves`, {
      token: gw.accounts.office.token,
      body: { move: 'start' },
    });
    expect(forUnit.status).toBe(403);
    expect(forUnit.json.allowedMoves).toEqual(['cancel']);

    const start = await gw.api('POST', `/api/v1/tasks/${task.code}/moves`, {
      token: gw.accounts.bureauEit.token,
      body: { move: 'start' },
    });
    expect(start.json.status).toBe('in_progress');
    expect(start.json.allowedMoves).toEqual(expect.arrayContaining(['flag_risk', 'complete']));

    const refused = await gw.api('POST', `/api/v1/tasks/${task.code}/moves`, {
      token: gw.accounts.bureauEit.token,
      body: { move: 'accept' },
    });
    expect([403, 409]).toContain(refused.status);
    expect(refused.json.allowedMoves).toEqual(expect.arrayContaining(['flag_risk', 'complete']));

    const noReason = await gw.api('POST', `/api/v1/tasks/${task.code}/moves`, {
      token: gw.accounts.bureauEit.token,
      body: { move: 'flag_risk' },
    });
    expect(noReason.status).toBe(400);
    const after = await gw.api('GET', `/api/v1/tasks/${task.code}`, { token: gw.accounts.office.token });
    expect(after.json.status).toBe('in_progress');

    // The assign move reached JetStream with the request id as correlation id.
    const jsm = await nc.jetstreamManager();
    const event = await eventually(async () => {
      const m = await jsm.streams
        .getMessage(`${prefix}_EVENTS`, { last_by_subj: `${prefix}.ev.tasks.task.status_changed` })
        .catch(() => undefined);
      return m;
    });
    const envelopes: Json[] = [];
    const info = await jsm.streams.info(`${prefix}_EVENTS`);
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      envelopes.push(JSON.parse((await jsm.streams.getMessage(`${prefix}_EVENTS`, { seq })).string()));
    }
    expect(event).toBeDefined();
    const assigned = envelopes.find((e) => e.correlationId === requestId);
    expect(assigned).toMatchObject({
      type: 'task.status_changed',
      aggregateId: task.code,
      data: { code: task.code, from: 'draft', to: 'assigned' },
      actor: { kind: 'user', id: gw.accounts.office.id },
    });
    expect(envelopes.filter((e) => e.aggregateId === task.code).map((e) => e.type)[0]).toBe('task.created');
    expect(
      envelopes.filter((e) => e.aggregateId === task.code && e.type === 'task.status_changed').map((e) => e.data.to),
    ).toEqual(['assigned', 'in_progress']);
  });

  it('a bureau user of a co-responsible unit cannot move a task', async () => {
    const all: Json[] = (
      await gw.api('GET', '/api/v1/tasks', { token: gw.accounts.office.token, query: { limit: '500' } })
    ).json.items;
    const task = all.find(
      (t) =>
        t.coUnitIds.includes(gw.accounts.bureauEit.unitId) &&
        !t.leadUnitIds.includes(gw.accounts.bureauEit.unitId) &&
        !t.parentCode,
    );
    expect(task).toBeDefined();
    await gw.api('POST', `/api/v1/tasks/${task.code}/moves`, {
      token: gw.accounts.office.token,
      body: { move: 'assign' },
    });
    const res = await gw.api('POST', `/api/v1/tasks/${task.code}/moves`, {
      token: gw.accounts.bureauEit.token,
      body: { move: 'start' },
    });
    expect(res.status).toBe(403);
    expect(res.json.allowedMoves).toEqual([]);
  });

  it('publishes the work plan: draft tasks are assigned, the version is kept, plan.published is emitted', async () => {
    const office = gw.accounts.office.token;
    const before = await gw.api('GET', '/api/v1/plans/2020', { token: office });
    expect(before.status).toBe(200);
    expect(before.json.state).toBe('draft');
    expect(before.json.targets).toHaveLength(8);
    expect(before.json.tasksByStatus.draft).toBeGreaterThan(0);

    const published = await gw.api('POST', '/api/v1/plans/2020/publish', { token: office });
    expect(published.status).toBe(200);
    expect(published.json.state).toBe('published');
    expect(published.json.tasksByStatus.draft ?? 0).toBe(0);
    expect(published.json.publishedVersions).toHaveLength(1);
    expect(published.json.publishedVersions[0].taskCodes).toHaveLength(33);

    // Bureau staff may read the plan but not publish it.
    expect((await gw.api('GET', '/api/v1/plans/2020', { token: gw.accounts.bureauEit.token })).status).toBe(200);
    expect((await gw.api('POST', '/api/v1/plans/2020/publish', { token: gw.accounts.bureauEit.token })).status).toBe(
      403,
    );

    const jsm = await nc.jetstreamManager();
    const event = await eventually(async () =>
      jsm.streams
        .getMessage(`${prefix}_EVENTS`, { last_by_subj: `${prefix}.ev.tasks.plan.published` })
        .then((m) => JSON.parse(m.string()) as Json)
        .catch(() => undefined),
    );
    expect(event.data).toMatchObject({ year: 2020, publishedVersion: 1, targets: 8 });
    expect(event.data.taskCodes).toHaveLength(33);
  });

  it('flags each overdue supervised task once with task.overdue_flagged, however often the clock runs', async () => {
    // The seed's tasks are due 2020-12-31; after publication they are all assigned and long overdue.
    const clock = tasks.get(OverdueClock);
    // Two clocks at once (two copies of the service): together they flag each task once.
    const first = (await Promise.all([clock.sweep(), clock.sweep()])).reduce((a, b) => a + b, 0);
    const supervised = (
      await gw.api('GET', '/api/v1/tasks', { token: gw.accounts.office.token, query: { limit: '500' } })
    ).json.items.filter((t: Json) => ['assigned', 'in_progress', 'at_risk'].includes(t.status));
    expect(first).toBe(supervised.length);
    expect(await clock.sweep()).toBe(0);

    const jsm = await nc.jetstreamManager();
    const flagged = await eventually(async () => {
      const info = await jsm.streams.info(`${prefix}_EVENTS`);
      const found: Json[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
        const e = JSON.parse((await jsm.streams.getMessage(`${prefix}_EVENTS`, { seq })).string());
        if (e.type === 'task.overdue_flagged') found.push(e);
      }
      return found.length === first ? found : undefined;
    });
    expect(new Set(flagged.map((e) => e.aggregateId)).size).toBe(first);
    expect(flagged[0]).toMatchObject({
      actor: { kind: 'system', id: 'tasks-overdue-clock' },
      data: { dueDate: '2020-12-31' },
    });
  });
});
