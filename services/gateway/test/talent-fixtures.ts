import { expect } from 'vitest';
import { ENTERPRISE_CREDIT_CODE } from './consultation-fixtures';
import type { Gateway, Json } from './gateway-harness';

/** Talent records made through the API by the talent staff account, for the permission matrix. */
export const NO_SUCH_TALENT = `tl-${'0'.repeat(32)}`;

export function talentBody(name = '矩阵人才'): Json {
  return {
    kind: 'person',
    name,
    category: 'leading_talent',
    fields: ['robotics'],
    currentOrganisation: { name: '某大学' },
    targetOrganisation: { name: '合肥某机器人公司', creditCode: ENTERPRISE_CREDIT_CODE },
    source: 'event',
    contact: { phone: '+86 139 0000 0000' },
  };
}

const STAGES = ['identified', 'contacted', 'negotiating', 'agreed', 'signed', 'onboarded'];

/** A fresh record moved up to `stage`; with `offered`, a package without money is on the table. */
export async function talentAt(gw: Gateway, stage: string, offered = false): Promise<string> {
  const token = gw.accounts.talent.token;
  const created = await gw.api('POST', '/api/v1/talent', { token, body: talentBody() });
  expect(created.status, created.text).toBe(201);
  const id: string = created.json.id;
  for (const to of STAGES.slice(1, STAGES.indexOf(stage) + 1)) {
    const res = await gw.api('POST', `/api/v1/talent/${id}/moves`, { token, body: { to } });
    expect(res.status, res.text).toBe(200);
  }
  if (offered) {
    const res = await gw.api('POST', `/api/v1/talent/${id}/package`, {
      token,
      body: { terms: [{ kind: 'lab_space', description: '实验室 200 平方米' }] },
    });
    expect(res.status, res.text).toBe(200);
  }
  return id;
}

/** A real record for the talent staff (the one caller allowed to act); a well-formed unknown id otherwise. */
export async function talentFor(gw: Gateway, caller: string, stage: string, offered = false): Promise<string> {
  return caller === 'talent' ? talentAt(gw, stage, offered) : NO_SUCH_TALENT;
}
