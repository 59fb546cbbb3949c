import { describe, expect, it } from 'vitest';
import { checkReportPeriod, dueByOf, latestDuePeriod, periodContaining, previousPeriod, spanOf } from './report-period';

describe('report periods', () => {
  it('spans months (leap February included) and quarters', () => {
    expect(spanOf('2020-02')).toEqual({ start: '2020-02-01', end: '2020-02-29' });
    expect(spanOf('2021-02')).toEqual({ start: '2021-02-01', end: '2021-02-28' });
    expect(spanOf('2020-Q3')).toEqual({ start: '2020-07-01', end: '2020-09-30' });
    expect(spanOf('2020-Q4')).toEqual({ start: '2020-10-01', end: '2020-12-31' });
  });

  it('finds the period of a day and the one before, across a year end', () => {
    expect(periodContaining('2020-08-15', 'month')).toBe('2020-08');
    expect(periodContaining('2020-08-15', 'quarter')).toBe('2020-Q3');
    expect(previousPeriod('2021-01')).toBe('2020-12');
    expect(previousPeriod('2021-Q1')).toBe('2020-Q4');
    expect(previousPeriod('2020-Q3')).toBe('2020-Q2');
  });

  it('reports of a period are due a number of days after it ends', () => {
    expect(dueByOf('2020-07', 5)).toBe('2020-08-05');
    expect(dueByOf('2020-Q4', 10)).toBe('2021-01-10');
  });

  it('the latest due period is the last one whose deadline passed (Hefei calendar day)', () => {
    // 2020-08-05 23:30 in Hefei (15:30 UTC): July's reports are due today, not yet missing.
    expect(latestDuePeriod(new Date('2020-08-05T15:30:00Z'), 'month', 5)).toBe('2020-06');
    // 2020-08-06 00:30 in Hefei (previous day 16:30 UTC): now they are.
    expect(latestDuePeriod(new Date('2020-08-05T16:30:00Z'), 'month', 5)).toBe('2020-07');
    expect(latestDuePeriod(new Date('2020-10-20T00:00:00Z'), 'quarter', 10)).toBe('2020-Q3');
  });

  it('accepts a begun period of the configured cadence and refuses others with a reason', () => {
    const now = new Date('2020-08-10T00:00:00Z');
    expect(checkReportPeriod('2020-08', 'month', now)).toBeUndefined();
    expect(checkReportPeriod('2020-09', 'month', now)?.message).toMatch(/not begun/);
    expect(checkReportPeriod('2020-Q3', 'month', now)?.message).toMatch(/monthly/);
    expect(checkReportPeriod('2020-07', 'quarter', now)?.message).toMatch(/quarterly/);
  });
});
