import { describe, expect, it } from 'vitest';
import { planCounts, planYear } from './plan-api';

describe('plan helpers', () => {
  it('reads a plan year as typed', () => {
    expect(planYear(' 2020 ')).toBe(2020);
    expect(planYear('1999')).toBeUndefined();
    expect(planYear('20201')).toBeUndefined();
    expect(planYear('2020.5')).toBeUndefined();
    expect(planYear('')).toBeUndefined();
  });

  it('lists the counts in workflow order, unknown statuses last, zeros left out', () => {
    expect(
      planCounts({ accepted: 1, draft: 3, odd: 2, cancelled: 0 }, ['draft', 'assigned', 'accepted', 'cancelled']),
    ).toEqual([
      ['draft', 3],
      ['accepted', 1],
      ['odd', 2],
    ]);
  });
});
