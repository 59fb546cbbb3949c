import { DomainError, NOTICE_STATUSES, type NoticeStatus } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import {
  checkDeadline,
  decideNoticeMove,
  isPastDeadline,
  nextNoticeStatuses,
  NOTICE_RULES,
  type NoticeMove,
} from './notice-status';

// 2020-06-30 10:00 in Hefei.
const NOW = new Date('2020-06-30T02:00:00.000Z');
const notice = (status: NoticeStatus, deadline = '2020-06-29') => ({ id: 'n-1', status, deadline });

// The life of a notice as the product describes it, written out by hand rather than derived from NOTICE_RULES.
const ALLOWED: Record<NoticeStatus, Partial<Record<NoticeMove, NoticeStatus>>> = {
  open: { respond: 'responded', escalate: 'escalated' },
  escalated: { respond: 'responded' },
  responded: { close: 'closed' },
  closed: {},
};
const MOVES = Object.keys(NOTICE_RULES) as NoticeMove[];

describe('supervision notice moves', () => {
  for (const status of NOTICE_STATUSES) {
    for (const move of MOVES) {
      const to = ALLOWED[status][move];
      it(`${move} from ${status} → ${to ?? 'refused with the allowed next states'}`, () => {
        const d = decideNoticeMove(notice(status), move, NOW);
        if (to) {
          expect(d).toEqual({ ok: true, from: status, to });
        } else {
          expect(d.ok).toBe(false);
          if (d.ok) return;
          expect(d.error).toBeInstanceOf(DomainError);
          expect(d.error.code).toBe('conflict');
          expect(d.error.details).toEqual({
            currentStatus: status,
            allowedNext: [...new Set(Object.values(ALLOWED[status]))],
          });
        }
      });
    }
  }

  it('names the next states of each state', () => {
    expect(nextNoticeStatuses('open')).toEqual(['responded', 'escalated']);
    expect(nextNoticeStatuses('escalated')).toEqual(['responded']);
    expect(nextNoticeStatuses('responded')).toEqual(['closed']);
    expect(nextNoticeStatuses('closed')).toEqual([]);
  });

  it('escalates only once the deadline day is over in Hefei', () => {
    const dueToday = notice('open', '2020-06-30');
    expect(decideNoticeMove(dueToday, 'escalate', NOW).ok).toBe(false);
    // 2020-06-30 23:59:59 in Hefei: still the deadline day.
    expect(decideNoticeMove(dueToday, 'escalate', new Date('2020-06-30T15:59:59.000Z')).ok).toBe(false);
    // 2020-07-01 00:00 in Hefei.
    expect(decideNoticeMove(dueToday, 'escalate', new Date('2020-06-30T16:00:00.000Z'))).toEqual({
      ok: true,
      from: 'open',
      to: 'escalated',
    });
  });

  it('responds to a notice past its deadline (late) as to one before it', () => {
    expect(isPastDeadline('2020-06-29', NOW)).toBe(true);
    expect(isPastDeadline('2020-06-30', NOW)).toBe(false);
    expect(decideNoticeMove(notice('open', '2020-01-01'), 'respond', NOW).ok).toBe(true);
    expect(decideNoticeMove(notice('open', '2020-12-31'), 'respond', NOW).ok).toBe(true);
  });
});

describe('a new notice’s deadline', () => {
  it('may be today (Hefei) up to two years ahead', () => {
    expect(checkDeadline('2020-06-30', NOW)).toBeUndefined();
    expect(checkDeadline('2022-06-30', NOW)).toBeUndefined();
  });

  it('may not be in the past or further than two years', () => {
    const past = checkDeadline('2020-06-29', NOW);
    expect(past?.code).toBe('validation');
    expect(past?.issues).toEqual([{ path: 'deadline', message: expect.stringContaining('past') }]);
    expect(checkDeadline('2022-07-01', NOW)?.issues).toEqual([
      { path: 'deadline', message: expect.stringContaining('two years') },
    ]);
  });
});
