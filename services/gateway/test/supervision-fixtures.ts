import { expect } from 'vitest';
import type { Gateway } from './gateway-harness';

/**
 * Set-ups for the supervision routes' rows of the permission matrix (and the supervision suite):
 * records made through the API as the office or a lead unit, so a row can act on them.
 */

/** A calendar day `days` from now (UTC; two days or more is "future" in Hefei time too). */
export function daysFromNow(days: number, from = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Moves a draft task to assigned (a task already assigned, or further, is left as it is). */
export async function ensureAssigned(gw: Gateway, code: string): Promise<void> {
  const res = await gw.api('POST', `/api/v1/tasks/${code}/moves`, {
    token: gw.accounts.office.token,
    body: { move: 'assign' },
  });
  expect([200, 409], res.text).toContain(res.status);
}

/** A new open notice on the task (assigned first), sent by the office; returns its id. */
export async function openNotice(gw: Gateway, code: string, deadline = daysFromNow(14)): Promise<string> {
  await ensureAssigned(gw, code);
  const res = await gw.api('POST', `/api/v1/tasks/${code}/supervision-notices`, {
    token: gw.accounts.office.token,
    body: { reason: '进度滞后', requiredResponse: '说明原因及整改措施', deadline },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

/** A notice the task's lead unit (the EIT bureau account) has responded to; returns its id. */
export async function respondedNotice(gw: Gateway, code: string): Promise<string> {
  const id = await openNotice(gw, code);
  const res = await gw.api('POST', `/api/v1/supervision-notices/${id}/responses`, {
    token: gw.accounts.bureauEit.token,
    body: { response: '已制定整改方案' },
  });
  expect(res.status, res.text).toBe(200);
  return id;
}

/** A pending extension request on the task, made by the EIT bureau account; returns its id. */
export async function pendingExtension(gw: Gateway, code: string, dueDate = daysFromNow(120)): Promise<string> {
  await ensureAssigned(gw, code);
  const res = await gw.api('POST', `/api/v1/tasks/${code}/extension-requests`, {
    token: gw.accounts.bureauEit.token,
    body: { dueDate, reason: '设备到货延迟' },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}
