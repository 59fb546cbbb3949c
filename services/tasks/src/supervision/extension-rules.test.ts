import type { Actor } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { historyEntrySchema } from '../task/task';
import { checkRequestedDueDate, decideExtension, extensionHistoryEntry } from './extension-rules';

const NOW = new Date('2020-06-30T02:00:00.000Z');
const office: Actor = { kind: 'user', id: 'u-office', unitId: 'lg-office', roles: ['office'] };

describe('a requested due date', () => {
  const task = { dueDate: '2020-12-31', startDate: '2020-01-01' };

  it('is accepted when later than the current due date and not in the past', () => {
    expect(checkRequestedDueDate(task, '2021-03-31', NOW)).toBeUndefined();
    expect(checkRequestedDueDate({}, '2020-06-30', NOW)).toBeUndefined();
  });

  it('is refused when not later than the current due date', () => {
    for (const d of ['2020-12-31', '2020-09-30']) {
      const e = checkRequestedDueDate(task, d, NOW);
      expect(e?.code).toBe('validation');
      expect(e?.issues?.[0]).toEqual({ path: 'dueDate', message: expect.stringContaining('2020-12-31') });
    }
  });

  it('is refused in the past (Hefei calendar), before the start, or more than five years away', () => {
    // The task is long overdue: a new date must still be today or later.
    const overdue = { dueDate: '2019-12-31' };
    expect(checkRequestedDueDate(overdue, '2020-06-29', NOW)?.issues).toEqual([
      { path: 'dueDate', message: expect.stringContaining('past') },
    ]);
    expect(checkRequestedDueDate({ startDate: '2020-08-01' }, '2020-07-15', NOW)?.issues).toEqual([
      { path: 'dueDate', message: expect.stringContaining('start date') },
    ]);
    expect(checkRequestedDueDate(task, '2025-07-01', NOW)?.issues).toEqual([
      { path: 'dueDate', message: expect.stringContaining('five years') },
    ]);
  });
});

describe('deciding an extension request', () => {
  it('approves or rejects a pending request', () => {
    expect(decideExtension({ id: 'r-1', status: 'pending' }, { approve: true })).toEqual({ ok: true, to: 'approved' });
    expect(decideExtension({ id: 'r-1', status: 'pending' }, { approve: true, reason: ' 同意 ' })).toEqual({
      ok: true,
      to: 'approved',
      reason: '同意',
    });
    expect(decideExtension({ id: 'r-1', status: 'pending' }, { approve: false, reason: '理由不足' })).toEqual({
      ok: true,
      to: 'rejected',
      reason: '理由不足',
    });
  });

  it('needs a reason to reject', () => {
    for (const reason of [undefined, '', '   ']) {
      const d = decideExtension({ id: 'r-1', status: 'pending' }, { approve: false, reason });
      expect(d.ok).toBe(false);
      if (!d.ok) {
        expect(d.error.code).toBe('validation');
        expect(d.error.issues).toEqual([{ path: 'reason', message: 'required when rejecting' }]);
      }
    }
  });

  it('refuses a request already decided with a conflict naming its state', () => {
    for (const status of ['approved', 'rejected'] as const) {
      const d = decideExtension({ id: 'r-1', status }, { approve: true });
      expect(d.ok).toBe(false);
      if (!d.ok) {
        expect(d.error.code).toBe('conflict');
        expect(d.error.details).toEqual({ currentStatus: status, allowedNext: [] });
      }
    }
  });
});

describe('the history entry of an approved extension', () => {
  it('keeps the status and says what changed, in a valid history entry', () => {
    const entry = extensionHistoryEntry(
      { status: 'at_risk', dueDate: '2020-12-31' },
      { id: 'r-1', requestedDueDate: '2021-03-31' },
      office,
      NOW,
      '设备延期到货',
    );
    expect(historyEntrySchema.parse(entry)).toEqual({
      at: NOW.toISOString(),
      by: 'u-office',
      from: 'at_risk',
      to: 'at_risk',
      reason: 'due date 2020-12-31 → 2021-03-31 (extension request r-1 approved): 设备延期到货',
    });
  });

  it('stays within the history’s reason limit', () => {
    const entry = extensionHistoryEntry(
      { status: 'in_progress' },
      { id: 'r-1', requestedDueDate: '2021-03-31' },
      office,
      NOW,
      '长'.repeat(2000),
    );
    expect(entry.reason).toHaveLength(2000);
    expect(entry.reason?.startsWith('due date (none) → 2021-03-31')).toBe(true);
    expect(() => historyEntrySchema.parse(entry)).not.toThrow();
  });
});
