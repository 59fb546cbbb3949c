import type { MessageKey } from '../i18n/message-key';
import { dueState } from './due-state';
import { isRiskLevel, TASK_MOVES, type TaskMove, type TaskStatus } from './task-types';

/** Moves the server refuses without a reason: they travel to funding and consultations with it. */
export const MOVES_NEEDING_REASON: readonly TaskMove[] = ['flag_risk', 'send_back', 'cancel'];

export type ReasonMove = 'flag_risk' | 'send_back' | 'cancel';

export function needsReason(move: TaskMove): move is ReasonMove {
  return MOVES_NEEDING_REASON.includes(move);
}

export function statusLabelKey(status: TaskStatus): MessageKey {
  return `tasks.status.${status}`;
}

export function moveLabelKey(move: TaskMove): MessageKey {
  return `tasks.moves.${move}`;
}

/** What the reason dialog asks for, per move. */
export function reasonPromptKey(move: ReasonMove): MessageKey {
  return `tasks.dialog.prompt.${move}`;
}

/**
 * A status badge's look (`status-badge--<tone>`). Colour only reinforces the text label: every badge says its status
 * in words, and the tones differ in lightness too, so they stay apart in greyscale.
 */
export type StatusTone = 'neutral' | 'info' | 'active' | 'warning' | 'success' | 'done' | 'muted';

const STATUS_TONES: Readonly<Record<TaskStatus, StatusTone>> = {
  draft: 'neutral',
  assigned: 'info',
  in_progress: 'active',
  at_risk: 'warning',
  completed: 'success',
  accepted: 'done',
  cancelled: 'muted',
};

export function statusTone(status: TaskStatus): StatusTone {
  return STATUS_TONES[status];
}

/** The server's moves, known ones only, once each and in workflow order (the order of the buttons). */
export function orderedMoves(moves: readonly string[]): TaskMove[] {
  return TASK_MOVES.filter((move) => moves.includes(move));
}

/** A marker for the list and the detail page: overdue, or a risk level above none. */
export interface TaskFlag {
  readonly kind: 'overdue' | 'dueSoon' | 'risk';
  readonly key: MessageKey;
}

interface FlaggedTask {
  readonly status?: string;
  readonly overdue: boolean;
  readonly riskLevel: string;
  readonly dueDate?: string;
}

/**
 * Overdue and risk markers. Given `now`, the due date is read in China time too: a task past it is overdue even before
 * the server's clock has flagged it, and one due within three days is marked as due soon.
 */
export function taskFlags(task: FlaggedTask, now?: Date): TaskFlag[] {
  const flags: TaskFlag[] = [];
  const due = now ? dueState(task, now) : task.overdue ? 'overdue' : 'onTime';
  if (due === 'overdue') flags.push({ kind: 'overdue', key: 'tasks.flags.overdue' });
  if (due === 'dueSoon') flags.push({ kind: 'dueSoon', key: 'tasks.flags.dueSoon' });
  if (isRiskLevel(task.riskLevel) && task.riskLevel !== 'none') {
    flags.push({ kind: 'risk', key: `tasks.flags.risk.${task.riskLevel}` });
  }
  return flags;
}

/** The risk level in words; unknown levels are shown as the server sent them. */
export function riskLevelKey(level: string): MessageKey | undefined {
  return isRiskLevel(level) ? `tasks.risk.${level}` : undefined;
}
