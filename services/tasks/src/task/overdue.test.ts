import { TASK_STATUSES, type TaskStatus } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { findDueSoon, findOverdue, isOverdue, planDate } from './overdue';
import type { Milestone } from './task';

const task = (status: TaskStatus, dueDate: string | undefined, milestones: Milestone[] = []) => ({
  status,
  dueDate,
  milestones,
});

describe('planDate', () => {
  it('is the calendar day in Hefei (UTC+8)', () => {
    expect(planDate(new Date('2020-12-31T15:59:59.999Z'))).toBe('2020-12-31');
    expect(planDate(new Date('2020-12-31T16:00:00.000Z'))).toBe('2021-01-01');
  });
});

describe('isOverdue', () => {
  it('is true from the day after the due date, Hefei time', () => {
    const t = task('in_progress', '2020-12-31');
    expect(isOverdue(t, new Date('2020-12-31T15:59:59Z'))).toBe(false);
    expect(isOverdue(t, new Date('2020-12-31T16:00:00Z'))).toBe(true);
    expect(findOverdue(t, new Date('2021-03-01T00:00:00Z'))).toEqual({ dueDate: '2020-12-31' });
  });

  it('is true when a milestone has passed unfinished, naming the earliest one', () => {
    const t = task('assigned', '2020-12-31', [
      { title: '完成选址', dueDate: '2020-06-30', done: false },
      { title: '签订协议', dueDate: '2020-05-31', done: false },
      { title: '发布方案', dueDate: '2020-04-30', done: true, evidence: '合政办〔2020〕1号' },
      { title: '开工建设', dueDate: '2020-09-30', done: false },
    ]);
    const now = new Date('2020-07-15T00:00:00Z');
    expect(isOverdue(t, now)).toBe(true);
    expect(findOverdue(t, now)).toEqual({ dueDate: '2020-05-31', milestone: '签订协议' });
  });

  it('is false when every passed milestone is done and the due date is ahead', () => {
    const t = task('at_risk', '2020-12-31', [{ title: '发布方案', dueDate: '2020-04-30', done: true }]);
    expect(isOverdue(t, new Date('2020-07-15T00:00:00Z'))).toBe(false);
    expect(isOverdue(task('in_progress', undefined), new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it.each(TASK_STATUSES.map((s) => [s, !['completed', 'accepted', 'cancelled'].includes(s)] as const))(
    'with everything late, a %s task is overdue: %s',
    (status, overdue) => {
      const late = task(status, '2020-01-31', [{ title: '完成选址', dueDate: '2020-01-15', done: false }]);
      expect(isOverdue(late, new Date('2020-07-15T00:00:00Z'))).toBe(overdue);
    },
  );
});

describe('findDueSoon', () => {
  const base = { status: 'in_progress' as const, milestones: [] };
  // 2020-12-28 10:00 in Hefei.
  const now = new Date('2020-12-28T02:00:00Z');
  it('finds a due date within the lead time, today included, with the days left', () => {
    expect(findDueSoon({ ...base, dueDate: '2020-12-31' }, now, 3)).toEqual({ dueDate: '2020-12-31', daysLeft: 3 });
    expect(findDueSoon({ ...base, dueDate: '2020-12-28' }, now, 3)).toEqual({ dueDate: '2020-12-28', daysLeft: 0 });
    expect(findDueSoon({ ...base, dueDate: '2021-01-01' }, now, 3)).toBeUndefined();
    expect(findDueSoon({ ...base, dueDate: '2020-12-27' }, now, 3)).toBeUndefined();
  });
  it('takes the nearest unfinished milestone, and nothing for settled tasks or a lead time of 0', () => {
    const t = {
      ...base,
      dueDate: '2020-12-30',
      milestones: [
        { title: 'done', dueDate: '2020-12-28', done: true },
        { title: 'next', dueDate: '2020-12-29', done: false },
      ],
    };
    expect(findDueSoon(t, now, 3)).toEqual({ dueDate: '2020-12-29', milestone: 'next', daysLeft: 1 });
    expect(findDueSoon({ ...t, status: 'completed' }, now, 3)).toBeUndefined();
    expect(findDueSoon(t, now, 0)).toBeUndefined();
  });
});
