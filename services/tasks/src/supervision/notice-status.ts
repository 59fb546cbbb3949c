import { conflict, validationError, type DomainError, type Issue, type NoticeStatus } from '@aiplat/contracts';
import { planDate } from '../task/overdue';

/**
 * The life of a supervision notice (督办通知):
 *
 *   open ──respond──▶ responded ──close──▶ closed
 *     │                  ▲
 *     └─escalate─▶ escalated ─respond─┘
 *
 * `escalate` is the supervision clock's move, made once the response deadline has passed
 * without a response; `respond` is a lead unit's; `close` is the office's.
 */
export type NoticeMove = 'respond' | 'escalate' | 'close';

interface NoticeRule {
  readonly from: readonly NoticeStatus[];
  readonly to: NoticeStatus;
}

export const NOTICE_RULES: Readonly<Record<NoticeMove, NoticeRule>> = Object.freeze({
  respond: { from: ['open', 'escalated'], to: 'responded' },
  escalate: { from: ['open'], to: 'escalated' },
  close: { from: ['responded'], to: 'closed' },
});

const MOVES = Object.keys(NOTICE_RULES) as NoticeMove[];

/** The states a notice may go to from `status`, whoever moves it (in rule order, no repeats). */
export function nextNoticeStatuses(status: NoticeStatus): NoticeStatus[] {
  return [...new Set(MOVES.filter((m) => NOTICE_RULES[m].from.includes(status)).map((m) => NOTICE_RULES[m].to))];
}

/** A deadline is a calendar day in Hefei: it has passed from the next day on. */
export function isPastDeadline(deadline: string, now: Date): boolean {
  return deadline < planDate(now);
}

export type NoticeDecision =
  | { readonly ok: true; readonly from: NoticeStatus; readonly to: NoticeStatus }
  | { readonly ok: false; readonly error: DomainError };

/**
 * Decides one move of a notice. Pure. A move not possible from the current state is a
 * conflict that names the state and the states allowed next; escalating before the deadline
 * has passed is a conflict too.
 */
export function decideNoticeMove(
  notice: { readonly id: string; readonly status: NoticeStatus; readonly deadline: string },
  move: NoticeMove,
  now: Date,
): NoticeDecision {
  const rule = NOTICE_RULES[move];
  const allowedNext = nextNoticeStatuses(notice.status);
  if (!rule.from.includes(notice.status)) {
    return {
      ok: false,
      error: conflict(
        `supervision notice ${notice.id} is ${notice.status}: ${move} is only possible from ${rule.from.join(' or ')}`,
        { currentStatus: notice.status, allowedNext },
      ),
    };
  }
  if (move === 'escalate' && !isPastDeadline(notice.deadline, now)) {
    return {
      ok: false,
      error: conflict(`supervision notice ${notice.id} is not past its deadline ${notice.deadline}`, {
        currentStatus: notice.status,
        allowedNext,
      }),
    };
  }
  return { ok: true, from: notice.status, to: rule.to };
}

/** A new notice's deadline: a real day, today (Hefei) at the earliest, within two years. */
export function checkDeadline(deadline: string, now: Date): DomainError | undefined {
  const today = planDate(now);
  const issues: Issue[] = [];
  if (deadline < today) issues.push({ path: 'deadline', message: `the deadline is in the past (today is ${today})` });
  const latest = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
  if (deadline > latest) issues.push({ path: 'deadline', message: `the deadline is more than two years away` });
  return issues.length > 0 ? validationError('the deadline is not acceptable', issues) : undefined;
}
