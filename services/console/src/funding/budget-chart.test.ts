import { describe, expect, it } from 'vitest';
import { allocationActionsFor, ownAllocation, trancheActionsFor } from './allocation-actions';
import { budgetBar, budgetsByYear, chartScale } from './budget-chart';
import type { BudgetView } from './funding-types';

const row = (over: Partial<BudgetView>): BudgetView => ({
  programmeId: 'ai-industry',
  year: 2026,
  budget: 1_000_000,
  committed: 0,
  disbursed: 0,
  released: 0,
  available: 1_000_000,
  version: 1,
  ...over,
});

describe('budget chart', () => {
  it('scales to the largest budget or use', () => {
    expect(chartScale([])).toBe(1);
    expect(chartScale([row({ budget: 500 }), row({ budget: 2000 })])).toBe(2000);
    expect(chartScale([row({ budget: 100, committed: 150, disbursed: 50, available: -100 })])).toBe(200);
  });

  it('stacks disbursed, committed and available as shares of the scale', () => {
    const bar = budgetBar(row({ committed: 250_000, disbursed: 100_000, available: 650_000 }), 2_000_000);
    expect(bar.segments.map((s) => [s.part, s.fen, s.percent])).toEqual([
      ['disbursed', 100_000, 5],
      ['committed', 250_000, 12.5],
      ['available', 650_000, 32.5],
    ]);
    expect(bar.overcommitted).toBe(false);
  });

  it('shows nothing available and marks the bar when over budget', () => {
    const bar = budgetBar(row({ budget: 100, committed: 150, available: -50 }), 150);
    expect(bar.segments.find((s) => s.part === 'available')).toEqual({ part: 'available', fen: 0, percent: 0 });
    expect(bar.segments.find((s) => s.part === 'committed')?.percent).toBe(100);
    expect(bar.overcommitted).toBe(true);
  });

  it('groups by year, newest first', () => {
    const groups = budgetsByYear([row({ year: 2025 }), row({ year: 2026, programmeId: 'b' }), row({ year: 2026 })]);
    expect(groups.map((g) => [g.year, g.rows.map((r) => r.programmeId)])).toEqual([
      [2026, ['ai-industry', 'b']],
      [2025, ['ai-industry']],
    ]);
  });
});

describe('allocation actions', () => {
  it('offers by status, only to those who manage funds', () => {
    expect(allocationActionsFor({ status: 'draft' }, ['funding.manage'])).toEqual(['submit']);
    expect(allocationActionsFor({ status: 'eligibility_checked' }, ['funding.manage'])).toEqual([
      'review-request',
      'reject',
    ]);
    expect(allocationActionsFor({ status: 'under_review' }, ['funding.manage'])).toEqual(['approve', 'reject']);
    expect(allocationActionsFor({ status: 'approved' }, ['funding.manage'])).toEqual([]);
    expect(allocationActionsFor({ status: 'under_review' }, ['funding.view'])).toEqual([]);
  });

  it('offers tranche actions on approved allocations only: milestone → payable, payable → disbursed', () => {
    const manage = ['funding.manage'];
    const approved = { status: 'approved' as const };
    expect(trancheActionsFor(approved, { status: 'scheduled', trigger: 'milestone' }, manage)).toEqual([
      'make_payable',
    ]);
    expect(trancheActionsFor(approved, { status: 'scheduled', trigger: 'acceptance' }, manage)).toEqual([]);
    expect(trancheActionsFor(approved, { status: 'payable', trigger: 'acceptance' }, manage)).toEqual(['disburse']);
    expect(trancheActionsFor(approved, { status: 'held', trigger: 'milestone' }, manage)).toEqual([]);
    expect(trancheActionsFor({ status: 'under_review' }, { status: 'payable', trigger: 'milestone' }, manage)).toEqual(
      [],
    );
    expect(trancheActionsFor(approved, { status: 'payable', trigger: 'milestone' }, ['funding.view'])).toEqual([]);
  });

  it('knows the creator and the submitter', () => {
    expect(ownAllocation({ createdBy: 'u1', submittedBy: 'u2' }, 'u2')).toBe(true);
    expect(ownAllocation({ createdBy: 'u1' }, 'u3')).toBe(false);
  });
});
