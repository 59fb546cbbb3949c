import { expect } from 'vitest';
import { eventually, type Gateway, type Json } from './gateway-harness';
import { daysFromNow, ensureAssigned } from './supervision-fixtures';

/** A valid unified social credit code (check character computed by GB 32100-2015). */
export const ENTERPRISE_CREDIT_CODE = '91340100MA2TXXXX0L';

/** The consultation record a task event opened, once the consumer has it (as the office sees it). */
export async function recordFor(gw: Gateway, taskCode: string, type: string): Promise<Json> {
  return eventually(
    async () => {
      const res = await gw.api('GET', '/api/v1/consultations', {
        token: gw.accounts.office.token,
        query: { taskCode, limit: '50' },
      });
      return res.json.items?.find((r: Json) => r.type === type);
    },
    `a ${type} record for ${taskCode}`,
    10_000,
  );
}

/** The office cancels a task (assigning it first): opens a cancellation_review record; returns it. */
export async function cancellationRecord(gw: Gateway, code: string): Promise<Json> {
  await ensureAssigned(gw, code);
  const res = await gw.api('POST', `/api/v1/tasks/${code}/moves`, {
    token: gw.accounts.office.token,
    body: { move: 'cancel', reason: '任务调整，并入其他事项' },
  });
  expect([200, 409], res.text).toContain(res.status);
  return recordFor(gw, code, 'cancellation_review');
}

/** A meeting time an hour ago: one whose holding can be recorded now. */
export const anHourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

/**
 * What the secretariat sends to schedule a meeting with both bureau units among its participants
 * (a week ahead unless `startsAt` says otherwise).
 */
export function meetingBody(recordId?: string, startsAt = `${daysFromNow(7)}T02:00:00.000Z`): Json {
  return {
    title: '人工智能产业定期会商（第四季度）',
    kind: 'regular',
    series: '2026 季度会商',
    startsAt,
    durationMinutes: 120,
    place: '市政务中心 A 座 1201 会议室',
    participants: [
      { kind: 'unit', name: '市经信局', unitId: 'city-economy-it' },
      { kind: 'unit', name: '市发改委', unitId: 'city-drc' },
      {
        kind: 'enterprise',
        name: '科大讯飞股份有限公司',
        organisation: '科大讯飞',
        creditCode: ENTERPRISE_CREDIT_CODE,
      },
    ],
    agenda: [{ title: '通报重点任务推进情况' }, ...(recordId ? [{ title: '研究风险任务', recordId }] : [])],
  };
}

/** A meeting the secretariat scheduled (see meetingBody). */
export async function scheduledMeeting(gw: Gateway, recordId?: string, startsAt?: string): Promise<Json> {
  const res = await gw.api('POST', '/api/v1/meetings', {
    token: gw.accounts.secretariat.token,
    body: meetingBody(recordId, startsAt),
  });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

/** A meeting that began an hour ago, recorded as held (all present, with minutes). */
export async function heldMeeting(gw: Gateway, recordId?: string): Promise<Json> {
  const meeting = await scheduledMeeting(gw, recordId, anHourAgo());
  const res = await gw.api('POST', `/api/v1/meetings/${meeting.id}/hold`, {
    token: gw.accounts.secretariat.token,
    body: { present: [0, 1, 2], minutes: '会议听取了任务推进情况汇报，研究了存在的问题。' },
  });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

/** An open resolution of a held meeting, owned by `ownerUnitId`. */
export async function openResolution(gw: Gateway, ownerUnitId: string): Promise<Json> {
  const meeting = await heldMeeting(gw);
  const res = await gw.api('POST', `/api/v1/meetings/${meeting.id}/resolutions`, {
    token: gw.accounts.secretariat.token,
    body: { text: '加快推进平台建设', ownerUnitId, deadline: daysFromNow(30) },
  });
  expect(res.status, res.text).toBe(201);
  return res.json;
}
