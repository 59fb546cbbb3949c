import { describe, expect, it } from 'vitest';
import type { TaskDetail } from '../tasks/task-types';
import type { TaskRecords } from './report-api';
import type { ReportView } from './report-types';
import { mergeTimeline } from './timeline';

const task = {
  code: '2020-1',
  history: [
    { at: '2026-11-01T00:00:00Z', by: 'office', from: 'draft', to: 'assigned' },
    { at: '2026-11-20T00:00:00Z', by: 'office', from: 'completed', to: 'accepted' },
  ],
  activity: [{ at: '2026-11-10T00:00:01Z', by: 'eit', kind: 'progress_reported', detail: '40%' }],
} as unknown as TaskDetail;

const records: TaskRecords = {
  reports: [
    {
      period: '2026-11',
      unitId: 'city-eit',
      submittedAt: '2026-11-12T00:00:00Z',
      submittedBy: 'eit',
      history: [
        { at: '2026-11-10T00:00:00Z', by: 'eit', action: 'submitted' },
        { at: '2026-11-11T00:00:00Z', by: 'office', action: 'returned', comment: 'More' },
        { at: '2026-11-12T00:00:00Z', by: 'eit', action: 'resubmitted' },
      ],
    } as unknown as ReportView,
  ],
  notices: [
    {
      id: 'n',
      taskCode: '2020-1',
      reason: 'Late',
      deadline: '2026-11-16',
      status: 'closed',
      sentBy: 'office',
      sentAt: '2026-11-13T00:00:00Z',
      response: { text: 'Done', by: 'eit', at: '2026-11-14T00:00:00Z', late: false },
      closedAt: '2026-11-15T00:00:00Z',
    },
  ],
  extensions: [
    {
      id: 'e',
      taskCode: '2020-1',
      status: 'approved',
      reason: 'Need time',
      requestedDueDate: '2026-12-31',
      requestedBy: 'eit',
      requestedAt: '2026-11-16T00:00:00Z',
      decidedBy: 'office',
      decidedAt: '2026-11-17T00:00:00Z',
    },
  ],
};

describe('task timeline', () => {
  it('merges moves, activity, report history, notices and extensions, newest first', () => {
    const entries = mergeTimeline(task, records);
    expect(entries.map((e) => `${e.at.slice(5, 10)} ${e.kind}`)).toEqual([
      '11-20 status',
      '11-17 extension',
      '11-16 extension',
      '11-15 notice',
      '11-14 notice',
      '11-13 notice',
      '11-12 report',
      '11-11 report',
      '11-10 activity',
      '11-10 report',
      '11-01 status',
    ]);
    expect(entries.find((e) => e.kind === 'report' && e.action === 'returned')?.text).toBe('More');
    expect(entries.filter((e) => e.kind === 'notice').map((e) => e.kind === 'notice' && e.event)).toEqual([
      'closed',
      'responded',
      'sent',
    ]);
  });

  it('uses the submission time of a report without history, and copes with a task without activity', () => {
    const bare = { ...task, activity: undefined, history: [] } as unknown as TaskDetail;
    const report = { ...records.reports[0], history: [] } as unknown as ReportView;
    const entries = mergeTimeline(bare, { reports: [report], notices: [], extensions: [] });
    expect(entries).toEqual([
      {
        kind: 'report',
        at: '2026-11-12T00:00:00Z',
        by: 'eit',
        action: 'submitted',
        period: '2026-11',
        unitId: 'city-eit',
        text: undefined,
      },
    ]);
  });
});
