import { DomainError } from '@aiplat/contracts';
import { planDate } from '../task/overdue';

/** How often units report: every month (`2020-07`) or every quarter (`2020-Q3`). */
export type ReportCadence = 'month' | 'quarter';

interface Span {
  readonly start: string;
  /** The last day of the period. */
  readonly end: string;
}

function lastDayOf(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function cadenceOf(period: string): ReportCadence {
  return period.includes('Q') ? 'quarter' : 'month';
}

/** First and last calendar day of a period. */
export function spanOf(period: string): Span {
  const year = Number(period.slice(0, 4));
  const rest = period.slice(5);
  const [first, last] = rest.startsWith('Q')
    ? [(Number(rest.slice(1)) - 1) * 3 + 1, (Number(rest.slice(1)) - 1) * 3 + 3]
    : [Number(rest), Number(rest)];
  return { start: `${year}-${String(first).padStart(2, '0')}-01`, end: lastDayOf(year, last) };
}

/** The period that contains a calendar day. */
export function periodContaining(day: string, cadence: ReportCadence): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  return cadence === 'month' ? day.slice(0, 7) : `${year}-Q${Math.ceil(month / 3)}`;
}

/** The period just before another of the same cadence. */
export function previousPeriod(period: string): string {
  const { start } = spanOf(period);
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(0);
  return periodContaining(d.toISOString().slice(0, 10), cadenceOf(period));
}

/** The day reports for a period are due: `dueDays` days after it ends. */
export function dueByOf(period: string, dueDays: number): string {
  const d = new Date(`${spanOf(period).end}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + dueDays);
  return d.toISOString().slice(0, 10);
}

/** The latest period whose reports were due before today (the one the missing-report view shows by default). */
export function latestDuePeriod(now: Date, cadence: ReportCadence, dueDays: number): string {
  const today = planDate(now);
  let period = previousPeriod(periodContaining(today, cadence));
  while (dueByOf(period, dueDays) >= today) period = previousPeriod(period);
  return period;
}

/**
 * A report may be written for a period of the configured cadence that has begun. Writing ahead
 * for a period that has not started would be a guess, not a report.
 */
export function checkReportPeriod(period: string, cadence: ReportCadence, now: Date): DomainError | undefined {
  if (cadenceOf(period) !== cadence) {
    return new DomainError(
      'validation',
      `reports here are ${cadence === 'month' ? 'monthly (e.g. 2020-07)' : 'quarterly (e.g. 2020-Q3)'}; ${period} is not`,
    );
  }
  if (spanOf(period).start > planDate(now)) {
    return new DomainError('validation', `period ${period} has not begun yet`);
  }
  return undefined;
}
