import { creditCodeCheckCharacter } from '@aiplat/contracts';
import { expect } from 'vitest';
import type { Gateway, Json } from './gateway-harness';

/** Fixtures for the funding rows of the permission matrix, made through the API itself. */

export const FIXTURE_CREDIT_CODE = '91350100M000100Y43';
/** A second valid code (its check character computed), the one the matrix blacklists. */
export const BLACKLIST_CREDIT_CODE = `91340100MA2MTQ3X6${creditCodeCheckCharacter('91340100MA2MTQ3X6')}`;
/** Large enough that the matrix never runs out, and the same in the fixture and the budget row. */
export const MATRIX_BUDGET = 1_000_000_000_000;
export const NO_SUCH_ALLOCATION = `al-${'0'.repeat(32)}`;

export function fundingDraft(): Json {
  return {
    programmeId: 'high-quality',
    year: 2026,
    applicant: { name: '矩阵测试企业', creditCode: FIXTURE_CREDIT_CODE, unit: 'city-economy-it' },
    amount: 200_000,
    purpose: 'permission matrix row',
    tranches: [
      { title: 'milestone', amount: 100_000, trigger: 'milestone', milestone: 'first delivery' },
      { title: 'rest', amount: 100_000, trigger: 'milestone' },
    ],
  };
}

const creators = new WeakMap<Gateway, Promise<string>>();

/**
 * The token of a second funding officer who creates and submits fixtures, so the harness's
 * officer may act on them (four eyes). The programmes and the budget are set up on first use.
 */
function creator(gw: Gateway): Promise<string> {
  let token = creators.get(gw);
  if (!token) {
    token = (async () => {
      const officer = gw.accounts.funding.token;
      expect((await gw.api('POST', '/api/v1/funding/programmes/seed', { token: officer })).status).toBe(200);
      const budget = await gw.api('PUT', '/api/v1/funding/programmes/high-quality/budgets/2026', {
        token: officer,
        body: { amount: MATRIX_BUDGET, reason: 'matrix budget' },
      });
      expect(budget.status, budget.text).toBe(200);
      const user = await gw.throwawayUser({ roles: ['funding_officer'], unitId: 'funding-office' });
      return (await gw.signIn(user.username, user.password)).json.accessToken as string;
    })();
    creators.set(gw, token);
  }
  return token;
}

export type FixtureStage = 'draft' | 'eligibility_checked' | 'under_review' | 'approved';

/** A fresh allocation at `stage`, created (and moved up to review) by the second officer. */
export async function allocationAt(gw: Gateway, stage: FixtureStage): Promise<string> {
  const token = await creator(gw);
  const created = await gw.api('POST', '/api/v1/funding/allocations', { token, body: fundingDraft() });
  expect(created.status, created.text).toBe(201);
  const id: string = created.json.id;
  const steps: Array<[FixtureStage, string, string]> = [
    ['eligibility_checked', 'submit', token],
    ['under_review', 'review-request', token],
    ['approved', 'approve', gw.accounts.funding.token],
  ];
  const order: FixtureStage[] = ['draft', 'eligibility_checked', 'under_review', 'approved'];
  for (const [reached, action, by] of steps) {
    if (order.indexOf(stage) < order.indexOf(reached)) break;
    const res = await gw.api('POST', `/api/v1/funding/allocations/${id}/${action}`, { token: by });
    expect(res.json.status, res.text).toBe(reached);
  }
  return id;
}

/** A real allocation for the one caller allowed to act; a well-formed unknown id for refused callers. */
export async function allocationFor(gw: Gateway, caller: string, stage: FixtureStage): Promise<string> {
  return caller === 'funding' ? allocationAt(gw, stage) : NO_SUCH_ALLOCATION;
}
