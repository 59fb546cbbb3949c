import { createFollowUpTaskRpc } from '@aiplat/contracts';
import { RpcClient } from '@aiplat/messaging';
import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { connect, headers, type NatsConnection } from 'nats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Trigger } from '../../consultations/src/record/record';
import { Records } from '../../consultations/src/record/records';
import {
  anHourAgo,
  cancellationRecord,
  ENTERPRISE_CREDIT_CODE,
  heldMeeting,
  meetingBody,
  recordFor,
  scheduledMeeting,
} from './consultation-fixtures';
import { startConsultationsService } from './consultations-service';
import { startGateway, streamEvents, type Gateway, type Json } from './gateway-harness';
import { daysFromNow, ensureAssigned } from './supervision-fixtures';
import { startTasksService } from './tasks-service';

/**
 * Consultations end to end through real HTTP: a task event opens a record (once), the secretariat
 * schedules and holds a meeting, a resolution creates a follow-up task in the tasks service, and the
 * record closes when its resolution is done.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');

describe('consultations', () => {
  let gw: Gateway;
  let tasks: INestMicroservice;
  let consultations: INestMicroservice;
  let nc: NatsConnection;
  const prefix = uniqueToken();
  const office = () => gw.accounts.office.token;
  const secretariat = () => gw.accounts.secretariat.token;
  const move = (code: string, body: Json, token: string) =>
    gw.api('POST', `/api/v1/tasks/${code}/moves`, { token, body });

  beforeAll(async () => {
    tasks = await startTasksService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
    consultations = await startConsultationsService({ AIPLAT_TOPOLOGY_PREFIX: prefix });
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
    await consultations?.close();
    await tasks?.close();
  });

  it('opens one risk-review record when a lead unit flags a task at risk, with an agenda from the task, even when the event comes twice', async () => {
    const eit = gw.accounts.bureauEit.token;
    await ensureAssigned(gw, '2020-3.3');
    expect((await move('2020-3.3', { move: 'start' }, eit)).status).toBe(200);
    expect((await move('2020-3.3', { move: 'flag_risk', reason: '关键企业引进进度滞后' }, eit)).status).toBe(200);
    const record = await recordFor(gw, '2020-3.3', 'risk_review');
    expect(record).toMatchObject({
      status: 'open',
      reason: '关键企业引进进度滞后',
      leadUnitIds: ['city-economy-it', 'city-investment-promotion'],
      trigger: { eventType: 'task.status_changed' },
    });
    expect(record.suggestedAgenda[0]).toBe('事由：关键企业引进进度滞后');
    expect(record.suggestedAgenda[1]).toMatch(/^任务现状：at_risk，进度 0%/);
    expect(record.proposedParticipants.map((p: Json) => p.id)).toContain('city-investment-promotion');

    // The same event again, as a producer retry past the duplicate window would publish it (a new message id).
    const events = await streamEvents(nc, prefix);
    const original = events.find((e) => e.id === record.trigger.eventId);
    expect(original?.data.to).toBe('at_risk');
    const h = headers();
    h.set('Nats-Msg-Id', `again-${original.id}`);
    await nc.jetstream().publish(`${prefix}.ev.tasks.task.status_changed`, JSON.stringify(original), { headers: h });
    // And straight into the handler twice at once (a redelivery racing the first run).
    const records = consultations.get(Records);
    await Promise.all([records.open(original as Trigger), records.open(original as Trigger)]);
    await new Promise((r) => setTimeout(r, 500));
    const all = await gw.api('GET', '/api/v1/consultations', { token: office(), query: { taskCode: '2020-3.3' } });
    expect(all.json.items).toHaveLength(1);
    const opened = (await streamEvents(nc, prefix)).filter(
      (e) => e.type === 'consultation.opened' && e.data.taskCode === '2020-3.3',
    );
    expect(opened).toHaveLength(1);
  });

  it('shows bureau staff only the records about their unit’s tasks', async () => {
    // 四(二) 现代农业: the EIT bureau is co-responsible, the DRC bureau is not on it.
    const record = await cancellationRecord(gw, '2020-4.2');
    expect(record.reason).toBe('任务调整，并入其他事项');
    const eit = await gw.api('GET', `/api/v1/consultations/${record.id}`, { token: gw.accounts.bureauEit.token });
    expect(eit.status).toBe(200);
    const drc = await gw.api('GET', `/api/v1/consultations/${record.id}`, { token: gw.accounts.bureauDrc.token });
    expect(drc.status).toBe(404);
    const drcList = await gw.api('GET', '/api/v1/consultations', { token: gw.accounts.bureauDrc.token });
    expect(drcList.json.items.map((r: Json) => r.id)).not.toContain(record.id);
    const talent = await gw.api('GET', '/api/v1/consultations', { token: gw.accounts.talent.token });
    expect(talent.status).toBe(403);
  });

  it('runs a meeting: agenda from the record, attendance and minutes, a resolution with a follow-up task, the record closes when it is done', async () => {
    const record = await recordFor(gw, '2020-3.3', 'risk_review');
    const meeting = await scheduledMeeting(gw, record.id, anHourAgo());
    expect(meeting.status).toBe('scheduled');
    expect((await gw.api('GET', `/api/v1/consultations/${record.id}`, { token: office() })).json.status).toBe(
      'scheduled',
    );
    const early = await gw.api('POST', `/api/v1/meetings/${meeting.id}/resolutions`, {
      token: secretariat(),
      body: { text: '提前决议', ownerUnitId: 'city-economy-it', deadline: daysFromNow(10) },
    });
    expect(early.status).toBe(409);

    const held = await gw.api('POST', `/api/v1/meetings/${meeting.id}/hold`, {
      token: secretariat(),
      body: { present: [0, 2], minutes: '会议研究了重点企业引进滞后问题，明确由市经信局牵头制定专项方案。' },
    });
    expect(held.status, held.text).toBe(200);
    expect(held.json.participants.map((p: Json) => p.present)).toEqual([true, false, true]);
    expect((await gw.api('GET', `/api/v1/consultations/${record.id}`, { token: office() })).json.status).toBe(
      'discussed',
    );

    const adopted = await gw.api('POST', `/api/v1/meetings/${meeting.id}/resolutions`, {
      token: secretariat(),
      body: {
        recordId: record.id,
        text: '市经信局牵头制定重点企业引进专项方案',
        ownerUnitId: 'city-economy-it',
        deadline: daysFromNow(45),
        followUpTask: { title: '制定重点企业引进专项方案' },
      },
    });
    expect(adopted.status, adopted.text).toBe(201);
    const code = adopted.json.followUpTaskCode;
    expect(code).toMatch(/^\d{4}-90\.1$/);
    const followUp = await gw.api('GET', `/api/v1/tasks/${code}`, { token: office() });
    expect(followUp.json).toMatchObject({
      title: '制定重点企业引进专项方案',
      status: 'assigned',
      leadUnitIds: ['city-economy-it'],
      dueDate: daysFromNow(45),
    });
    // Asking the tasks service again for the same resolution gives the same task, not a second one.
    const rpc = tasks.get(RpcClient);
    const again = await rpc.request(createFollowUpTaskRpc, {
      context: { actor: { kind: 'user', id: gw.accounts.secretariat.id, roles: ['secretariat'] }, requestId: 'again' },
      sourceKey: `resolution:${adopted.json.id}`,
      title: '制定重点企业引进专项方案',
      description: 'again',
      leadUnitIds: ['city-economy-it'],
      dueDate: daysFromNow(45),
      year: Number(code.slice(0, 4)),
    });
    expect(again.code).toBe(code);

    const notOwner = await gw.api('POST', `/api/v1/resolutions/${adopted.json.id}/done`, {
      token: gw.accounts.bureauDrc.token,
      body: { note: '已完成' },
    });
    expect([403, 404]).toContain(notOwner.status);
    const done = await gw.api('POST', `/api/v1/resolutions/${adopted.json.id}/done`, {
      token: gw.accounts.bureauEit.token,
      body: { note: '专项方案已印发' },
    });
    expect(done.status, done.text).toBe(200);
    expect(done.json.status).toBe('done');
    const closed = await gw.api('GET', `/api/v1/consultations/${record.id}`, { token: office() });
    expect(closed.json).toMatchObject({ status: 'closed', closeReason: '决议均已落实' });
    expect(closed.json.resolutionIds).toEqual([adopted.json.id]);

    for (const [action, status] of [
      ['approve-minutes', 'minutes_approved'],
      ['close', 'closed'],
    ] as const) {
      const res = await gw.api('POST', `/api/v1/meetings/${meeting.id}/${action}`, { token: secretariat() });
      expect(res.status, res.text).toBe(200);
      expect(res.json.status).toBe(status);
    }
    const types = (await streamEvents(nc, prefix)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'consultation.scheduled',
        'consultation.held',
        'resolution.adopted',
        'resolution.done',
        'consultation.closed',
      ]),
    );
  });

  it('keeps participant organisations in one registry, referenced by credit code, registered once', async () => {
    const meeting = await scheduledMeeting(gw);
    const enterprise = meeting.participants.find((p: Json) => p.kind === 'enterprise');
    expect(enterprise.organisationId).toBe(ENTERPRISE_CREDIT_CODE);
    expect(meeting.participants.find((p: Json) => p.kind === 'unit').organisationId).toBeUndefined();
    const found = await gw.api('GET', '/api/v1/organisations', { token: office(), query: { q: '科大讯飞' } });
    expect(found.json.items).toEqual([
      expect.objectContaining({ id: ENTERPRISE_CREDIT_CODE, kind: 'enterprise', name: '科大讯飞', source: 'meeting' }),
    ]);
    // Mentioned again, under another name: the same entry, unchanged.
    const again = await gw.api('POST', '/api/v1/organisations', {
      token: secretariat(),
      body: { kind: 'enterprise', name: '科大讯飞股份有限公司（合肥）', creditCode: ENTERPRISE_CREDIT_CODE },
    });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({ id: ENTERPRISE_CREDIT_CODE, name: '科大讯飞', source: 'meeting' });
    // Without a credit code (an overseas institute): registered by name, once.
    const overseas = { kind: 'institute', name: 'Max Planck Institute for Intelligent Systems' };
    const first = await gw.api('POST', '/api/v1/organisations', { token: secretariat(), body: overseas });
    const second = await gw.api('POST', '/api/v1/organisations', {
      token: secretariat(),
      body: { ...overseas, name: ' Max Planck  Institute for Intelligent Systems' },
    });
    expect(first.json.id).toMatch(/^name:/);
    expect(second.json.id).toBe(first.json.id);
    const bad = await gw.api('POST', '/api/v1/organisations', {
      token: secretariat(),
      body: { kind: 'enterprise', name: 'x', creditCode: '91340100MA2TXXXX0X' },
    });
    expect(bad.status).toBe(400);
    const byBureau = await gw.api('POST', '/api/v1/organisations', {
      token: gw.accounts.bureauEit.token,
      body: overseas,
    });
    expect(byBureau.status).toBe(403);
  });

  it('schedules the next meeting of a regular series from its standing agenda, with the open records given', async () => {
    const first = await scheduledMeeting(gw);
    const open = await cancellationRecord(gw, '2020-4.7');
    const startsAt = `${daysFromNow(97)}T02:00:00.000Z`;
    const next = await gw.api('POST', `/api/v1/meetings/${first.id}/next`, {
      token: secretariat(),
      body: { startsAt, recordIds: [open.id] },
    });
    expect(next.status, next.text).toBe(201);
    expect(next.json).toMatchObject({ title: first.title, kind: 'regular', series: first.series, place: first.place });
    expect(next.json.startsAt).toBe(startsAt);
    expect(next.json.agenda).toEqual([{ title: '通报重点任务推进情况' }, { title: open.taskTitle, recordId: open.id }]);
    expect(next.json.participants.map((p: Json) => p.name)).toEqual(first.participants.map((p: Json) => p.name));
    const earlier = await gw.api('POST', `/api/v1/meetings/${first.id}/next`, {
      token: secretariat(),
      body: { startsAt: `${daysFromNow(1)}T02:00:00.000Z` },
    });
    expect(earlier.status).toBe(400);
    const adHoc = await gw.api('POST', '/api/v1/meetings', {
      token: secretariat(),
      body: { ...meetingBody(), kind: 'ad_hoc', series: undefined },
    });
    const noSeries = await gw.api('POST', `/api/v1/meetings/${adHoc.json.id}/next`, {
      token: secretariat(),
      body: { startsAt },
    });
    expect(noSeries.status).toBe(409);
  });

  it('exports meetings as an iCalendar feed', async () => {
    await scheduledMeeting(gw);
    const res = await fetch(`${gw.baseUrl}/api/v1/meetings/calendar.ics`, {
      headers: { authorization: `Bearer ${gw.accounts.bureauEit.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = await res.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('SUMMARY:人工智能产业定期会商（第四季度）');
    expect(ics).toMatch(/DTSTART:\d{8}T020000Z/);
  });

  it('refuses bad input and changes nothing', async () => {
    const bad = async (path: string, body: Json, status: number, detail: RegExp, token = secretariat()) => {
      const res = await gw.api('POST', path, { token, body });
      expect(res.status, res.text).toBe(status);
      expect(res.text).toMatch(detail);
    };
    const base = {
      title: '专题会商',
      kind: 'ad_hoc',
      startsAt: `${daysFromNow(3)}T06:00:00.000Z`,
      durationMinutes: 60,
      place: '市政务中心',
      participants: [{ kind: 'enterprise', name: '某企业', creditCode: ENTERPRISE_CREDIT_CODE }],
      agenda: [{ title: '议题' }],
    };
    const before = (await gw.api('GET', '/api/v1/meetings', { token: office(), query: { limit: '500' } })).json.items
      .length;
    await bad(
      '/api/v1/meetings',
      { ...base, participants: [{ kind: 'enterprise', name: 'x', creditCode: '91340100MA2TXXXX0X' }] },
      400,
      /credit code/,
    );
    await bad(
      '/api/v1/meetings',
      { ...base, agenda: [{ title: 'x', recordId: 'no-such-record' }] },
      400,
      /no consultation record/,
    );
    await bad('/api/v1/meetings', { ...base, place: undefined }, 400, /place or a link/);
    await bad('/api/v1/meetings', { ...base, durationMinutes: 5 }, 400, /durationMinutes/);
    await bad('/api/v1/meetings', base, 403, /consultations\.manage/, gw.accounts.expert.token);
    const after = (await gw.api('GET', '/api/v1/meetings', { token: office(), query: { limit: '500' } })).json.items
      .length;
    expect(after).toBe(before);

    const meeting = await heldMeeting(gw);
    await bad(
      `/api/v1/meetings/${meeting.id}/hold`,
      { present: [0], minutes: '再次' },
      409,
      /allowed: approve_minutes/,
    );
    const fresh = await scheduledMeeting(gw, undefined, anHourAgo());
    await bad(`/api/v1/meetings/${fresh.id}/hold`, { present: [9], minutes: 'x' }, 400, /no participant at position 9/);
    // A meeting three days ahead cannot have been held yet: refused with the reason, and nothing changes.
    const ahead = await scheduledMeeting(gw, undefined, `${daysFromNow(3)}T02:00:00.000Z`);
    const early = await gw.api('POST', `/api/v1/meetings/${ahead.id}/hold`, {
      token: secretariat(),
      body: { present: [0], minutes: '提前记录' },
    });
    expect(early.status, early.text).toBe(409);
    expect(early.json).toMatchObject({ reason: 'meeting_not_started', startsAt: ahead.startsAt });
    const unchanged = await gw.api('GET', `/api/v1/meetings/${ahead.id}`, { token: office() });
    expect(unchanged.json).toMatchObject({ status: 'scheduled', version: ahead.version });
    await bad(
      `/api/v1/meetings/${meeting.id}/resolutions`,
      { text: 'x', ownerUnitId: 'no-such-unit', deadline: daysFromNow(5) },
      400,
      /ownerUnitId/,
    );
    await bad(
      `/api/v1/meetings/${meeting.id}/resolutions`,
      { text: 'x', ownerUnitId: 'city-drc', deadline: '2020-01-01' },
      400,
      /deadline has passed/,
    );
    const none = await gw.api('GET', '/api/v1/resolutions', { token: office(), query: { meetingId: meeting.id } });
    expect(none.json.items).toEqual([]);
  });
});
