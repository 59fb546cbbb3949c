import { describe, expect, it } from 'vitest';
import {
  MOVES_NEEDING_REASON,
  moveLabelKey,
  needsReason,
  orderedMoves,
  reasonPromptKey,
  riskLevelKey,
  statusLabelKey,
  statusTone,
  taskFlags,
} from './task-labels';
import { TASK_MOVES, TASK_STATUSES } from './task-types';

describe('needsReason', () => {
  it('asks for a reason before flagging a risk, sending back and cancelling, and for nothing else', () => {
    expect(TASK_MOVES.filter(needsReason)).toEqual(['flag_risk', 'send_back', 'cancel']);
    expect(MOVES_NEEDING_REASON).toEqual(['flag_risk', 'send_back', 'cancel']);
  });
});

describe('labels', () => {
  it('name each status and move by its own message key', () => {
    expect(statusLabelKey('at_risk')).toBe('tasks.status.at_risk');
    expect(moveLabelKey('send_back')).toBe('tasks.moves.send_back');
    expect(reasonPromptKey('cancel')).toBe('tasks.dialog.prompt.cancel');
  });

  it('give every status a tone, and no two statuses of the same workflow stage the same one', () => {
    const tones = TASK_STATUSES.map(statusTone);
    expect(new Set(tones).size).toBe(TASK_STATUSES.length);
    expect(statusTone('at_risk')).toBe('warning');
  });

  it('name known risk levels and leave unknown ones to be shown as sent', () => {
    expect(riskLevelKey('high')).toBe('tasks.risk.high');
    expect(riskLevelKey('severe')).toBeUndefined();
  });
});

describe('orderedMoves', () => {
  it('keeps known moves once each, in workflow order, whatever order the server sent', () => {
    expect(orderedMoves(['cancel', 'assign', 'cancel', 'teleport'])).toEqual(['assign', 'cancel']);
    expect(orderedMoves([])).toEqual([]);
  });
});

describe('taskFlags', () => {
  it('marks an overdue task and a risk above none, in that order', () => {
    expect(taskFlags({ overdue: true, riskLevel: 'high' })).toEqual([
      { kind: 'overdue', key: 'tasks.flags.overdue' },
      { kind: 'risk', key: 'tasks.flags.risk.high' },
    ]);
  });

  it('marks nothing for a task on time without risk, or with a risk level it does not know', () => {
    expect(taskFlags({ overdue: false, riskLevel: 'none' })).toEqual([]);
    expect(taskFlags({ overdue: false, riskLevel: 'unknown' })).toEqual([]);
  });

  it('given the time, reads the due date in China time: past it is overdue, within three days due soon', () => {
    const now = new Date('2026-11-28T17:00:00Z'); // 29 Nov in Hefei
    const open = { status: 'in_progress', overdue: false, riskLevel: 'none' };
    expect(taskFlags({ ...open, dueDate: '2026-11-28' }, now)).toEqual([
      { kind: 'overdue', key: 'tasks.flags.overdue' },
    ]);
    expect(taskFlags({ ...open, dueDate: '2026-12-02' }, now)).toEqual([
      { kind: 'dueSoon', key: 'tasks.flags.dueSoon' },
    ]);
    expect(taskFlags({ ...open, dueDate: '2026-12-03' }, now)).toEqual([]);
    expect(taskFlags({ ...open, status: 'accepted', dueDate: '2026-11-01' }, now)).toEqual([]);
  });
});
