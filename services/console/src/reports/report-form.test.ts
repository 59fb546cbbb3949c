import { describe, expect, it } from 'vitest';
import {
  currentPeriod,
  fieldMessages,
  initialReportForm,
  reportRequest,
  returnedReportOf,
  type ReportFormState,
} from './report-form';
import type { ReportView } from './report-types';

const form = (patch: Partial<ReportFormState> = {}): ReportFormState => ({
  ...initialReportForm('2026-11'),
  narrative: ' Did things. ',
  progress: '40',
  ...patch,
});

const report = (patch: Partial<ReportView> = {}): ReportView => ({
  id: '2020-1_city-eit_2026-10',
  taskCode: '2020-1',
  taskTitle: 'T',
  unitId: 'city-eit',
  lead: true,
  period: '2026-10',
  narrative: 'Old text',
  progress: 30,
  milestoneUpdates: [{ title: 'M1', done: true, evidence: 'doc' }],
  status: 'returned',
  submittedBy: 'u',
  submittedAt: '2026-10-30T00:00:00Z',
  revision: 1,
  returnComment: 'More detail',
  history: [],
  allowedActions: ['resubmit'],
  version: 2,
  ...patch,
});

describe('report form', () => {
  it('defaults to the current month in China time', () => {
    expect(currentPeriod(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(currentPeriod(new Date('2026-11-30T15:59:00Z'))).toBe('2026-11');
  });

  it('maps the form to the request: trimmed, numbers as numbers, blank optional texts left out', () => {
    expect(reportRequest(form(), true)).toEqual({
      ok: true,
      request: { period: '2026-11', narrative: 'Did things.', progress: 40 },
    });
    const full = form({ milestonesDone: { M1: ' minutes ', M2: '' }, problems: ' p ', coordinationRequests: 'c' });
    expect(reportRequest(full, true)).toEqual({
      ok: true,
      request: {
        period: '2026-11',
        narrative: 'Did things.',
        progress: 40,
        milestoneUpdates: [
          { title: 'M1', done: true, evidence: 'minutes' },
          { title: 'M2', done: true },
        ],
        problems: 'p',
        coordinationRequests: 'c',
      },
    });
  });

  it('sends milestones only for a lead unit', () => {
    const result = reportRequest(form({ milestonesDone: { M1: 'x' } }), false);
    expect(result).toEqual({ ok: true, request: { period: '2026-11', narrative: 'Did things.', progress: 40 } });
  });

  it('names the fields to fix', () => {
    expect(reportRequest(form({ period: '2026-13', narrative: '  ', progress: '101' }), true)).toEqual({
      ok: false,
      invalid: ['period', 'narrative', 'progress'],
    });
    expect(reportRequest(form({ progress: '' }), true)).toEqual({ ok: false, invalid: ['progress'] });
  });

  it('fills the form from a returned report', () => {
    expect(initialReportForm('2026-11', report())).toEqual({
      period: '2026-10',
      narrative: 'Old text',
      progress: '30',
      milestonesDone: { M1: 'doc' },
      problems: '',
      coordinationRequests: '',
    });
  });

  it('finds the unit’s latest returned report', () => {
    const reports = [
      report({ id: 'a', period: '2026-09' }),
      report({ id: 'b', period: '2026-10' }),
      report({ id: 'c', period: '2026-11', status: 'submitted' }),
      report({ id: 'd', period: '2026-11', unitId: 'other' }),
    ];
    expect(returnedReportOf(reports, 'city-eit')?.id).toBe('b');
    expect(returnedReportOf(reports, 'nobody')).toBeUndefined();
  });

  it('picks the server’s messages about one field', () => {
    const errors = [
      { path: 'narrative', message: 'too long' },
      { path: 'milestoneUpdates.0.title', message: 'unknown milestone' },
    ];
    expect(fieldMessages(errors, 'milestoneUpdates')).toEqual(['unknown milestone']);
    expect(fieldMessages(errors, 'progress')).toEqual([]);
  });
});
