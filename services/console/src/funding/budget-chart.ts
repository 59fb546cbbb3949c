import type { BudgetView } from './funding-types';

export const BAR_PARTS = ['disbursed', 'committed', 'available'] as const;
export type BarPart = (typeof BAR_PARTS)[number];

export interface BarSegment {
  readonly part: BarPart;
  readonly fen: number;
  /** Width as a percentage of the chart's scale, one decimal. */
  readonly percent: number;
}

export interface BudgetBar {
  readonly segments: readonly BarSegment[];
  /** Committed and paid beyond the budget (an audited override): the bar is drawn to its full length, marked. */
  readonly overcommitted: boolean;
}

/** The chart's scale: the largest budget (or use, when over budget) among the rows, at least 1 fen. */
export function chartScale(rows: readonly BudgetView[]): number {
  return rows.reduce((max, row) => Math.max(max, row.budget, row.committed + row.disbursed), 1);
}

function percentOf(fen: number, scale: number): number {
  if (fen <= 0 || scale <= 0) return 0;
  return Math.min(100, Math.round((fen / scale) * 1000) / 10);
}

/** One programme-year as a stacked bar: disbursed, then committed, then what is still available. */
export function budgetBar(row: BudgetView, scale: number): BudgetBar {
  const values: Record<BarPart, number> = {
    disbursed: row.disbursed,
    committed: row.committed,
    available: Math.max(0, row.available),
  };
  return {
    segments: BAR_PARTS.map((part) => ({ part, fen: values[part], percent: percentOf(values[part], scale) })),
    overcommitted: row.available < 0,
  };
}

/** Rows grouped by year, newest first, programmes in a stable order inside a year. */
export function budgetsByYear(rows: readonly BudgetView[]): { year: number; rows: BudgetView[] }[] {
  const years = [...new Set(rows.map((row) => row.year))].sort((a, b) => b - a);
  return years.map((year) => ({
    year,
    rows: rows.filter((row) => row.year === year).sort((a, b) => a.programmeId.localeCompare(b.programmeId)),
  }));
}
