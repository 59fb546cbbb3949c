import { describe, expect, it } from 'vitest';
import { fenSchema, positiveFenSchema } from '../events/funding-events';
import { createAllocationRpc } from '../rpc/funding';

const request = {
  context: { actor: { kind: 'user', id: 'u-1', roles: ['funding_officer'] }, requestId: 'r-1' },
  programmeId: 'ai-industry',
  year: 2026,
  applicant: { name: '合肥某智能科技有限公司', creditCode: '91350100M000100Y43', unit: 'city-economy-it' },
  amount: 100_000,
  purpose: 'pilot',
  tranches: [{ title: 'all', amount: 100_000, trigger: 'milestone' }],
};

describe('funding contracts', () => {
  it('takes money as whole, non-negative fen only', () => {
    expect(fenSchema.safeParse(0).success).toBe(true);
    expect(fenSchema.safeParse(1_234_500).success).toBe(true);
    for (const bad of [-1, 0.5, 12.34, Number.NaN, Number.POSITIVE_INFINITY, '100']) {
      expect(fenSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
    expect(positiveFenSchema.safeParse(0).success).toBe(false);
  });

  it('refuses an allocation with fractional fen, a bad credit code or an unknown field', () => {
    expect(createAllocationRpc.request.safeParse(request).success).toBe(true);
    expect(createAllocationRpc.request.safeParse({ ...request, amount: 100.5 }).success).toBe(false);
    expect(
      createAllocationRpc.request.safeParse({
        ...request,
        applicant: { ...request.applicant, creditCode: '91350100M000100Y44' },
      }).success,
    ).toBe(false);
    expect(createAllocationRpc.request.safeParse({ ...request, $where: '1' }).success).toBe(false);
  });
});
