import { describe, expect, it } from 'vitest';
import { chinaToday, dueState } from './due-state';

const open = (dueDate?: string, overdue = false) => ({ status: 'in_progress', dueDate, overdue });

describe('due state (China time, UTC+8)', () => {
  // 28 Nov 2026 17:00 UTC is already 29 Nov in Hefei.
  const now = new Date('2026-11-28T17:00:00Z');

  it('counts the day as Hefei does', () => {
    expect(chinaToday(now)).toBe('2026-11-29');
    expect(chinaToday(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
  });

  it('is overdue after the due date, due soon today and within three days, on time later', () => {
    expect(dueState(open('2026-11-28'), now)).toBe('overdue');
    expect(dueState(open('2026-11-29'), now)).toBe('dueSoon');
    expect(dueState(open('2026-12-02'), now)).toBe('dueSoon');
    expect(dueState(open('2026-12-03'), now)).toBe('onTime');
    expect(dueState(open(), now)).toBe('onTime');
    expect(dueState(open('not a date'), now)).toBe('onTime');
  });

  it('follows the server’s overdue flag (late milestones) and never marks finished tasks', () => {
    expect(dueState(open('2027-01-01', true), now)).toBe('overdue');
    for (const status of ['completed', 'accepted', 'cancelled']) {
      expect(dueState({ status, dueDate: '2020-01-01', overdue: true }, now)).toBe('onTime');
    }
  });
});
