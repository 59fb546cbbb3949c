import { expect } from 'vitest';
import type { Gateway } from './gateway-harness';
import { ensureAssigned } from './supervision-fixtures';

/** The reporting month in Hefei now (`2026-11`): a period that has begun. */
export function currentPeriod(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/**
 * The EIT bureau's submitted report on a task it leads or co-owns, for this month (the task is
 * assigned first); returns the report's id. A report already submitted is reused.
 */
export async function submittedReport(gw: Gateway, code: string, progress = 30): Promise<string> {
  await ensureAssigned(gw, code);
  const period = currentPeriod();
  const res = await gw.api('POST', `/api/v1/tasks/${code}/reports`, {
    token: gw.accounts.bureauEit.token,
    body: { period, narrative: '按计划推进，完成阶段性工作', progress },
  });
  expect([201, 409], res.text).toContain(res.status);
  return `${code}_${gw.accounts.bureauEit.unitId}_${period}`;
}
