import type { TaskStatus } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import type { Tranche } from '../allocation/allocation';
import { decideCheck, type TaskMove } from './check-rules';

const tranches = (): Tranche[] => [
  { index: 0, title: 'start', amount: 300, trigger: 'milestone', status: 'payable' },
  { index: 1, title: 'mid', amount: 300, trigger: 'milestone', status: 'scheduled' },
  { index: 2, title: 'acceptance', amount: 400, trigger: 'acceptance', status: 'scheduled' },
];
const moved = (from: TaskStatus, to: TaskStatus): TaskMove => ({ kind: 'status_changed', from, to });
const approved = (t = tranches()) => ({ status: 'approved' as const, tranches: t });

describe('funding check rules', () => {
  it('holds scheduled and payable tranches when the task goes at risk, remembering where they were', () => {
    const d = decideCheck(approved(), moved('in_progress', 'at_risk'));
    expect(d.tranches.map((t) => [t.status, t.holdCause, t.heldFrom])).toEqual([
      ['held', 'task_risk', 'payable'],
      ['held', 'task_risk', 'scheduled'],
      ['held', 'task_risk', 'scheduled'],
    ]);
    expect(d.decisions.map((x) => x.decision)).toEqual(['hold', 'hold', 'hold']);
    expect(d.changed).toBe(true);
  });

  it('holds on an overdue flag too, and leaves disbursed tranches alone', () => {
    const t = tranches();
    t[0] = { ...t[0]!, status: 'disbursed' };
    const d = decideCheck(approved(t), { kind: 'overdue', status: 'in_progress' });
    expect(d.tranches.map((x) => x.status)).toEqual(['disbursed', 'held', 'held']);
    expect(d.decisions[0]?.decision).toBe('unchanged');
  });

  it('lifts only its own holds when the task returns to in_progress', () => {
    const held = decideCheck(approved(), moved('in_progress', 'at_risk')).tranches;
    held[1] = { ...held[1]!, holdCause: undefined } as Tranche; // held for some other cause
    const d = decideCheck(approved(held), moved('at_risk', 'in_progress'));
    expect(d.tranches.map((t) => t.status)).toEqual(['payable', 'held', 'scheduled']);
    expect(d.tranches[0]?.holdCause).toBeUndefined();
    expect(d.decisions.map((x) => x.decision)).toEqual(['lift_hold', 'unchanged', 'lift_hold']);
  });

  it('marks the final tranche as awaiting acceptance on completion, and payable on acceptance', () => {
    const completed = decideCheck(approved(), moved('in_progress', 'completed'));
    expect(completed.tranches[2]?.awaitingAcceptance).toBe(true);
    expect(completed.tranches[2]?.status).toBe('scheduled');
    expect(completed.decisions[2]?.decision).toBe('await_acceptance');
    const accepted = decideCheck(approved(completed.tranches), moved('completed', 'accepted'));
    expect(accepted.tranches[2]).toMatchObject({ status: 'payable' });
    expect(accepted.tranches[2]?.awaitingAcceptance).toBeUndefined();
    expect(accepted.decisions.map((x) => x.decision)).toEqual(['unchanged', 'unchanged', 'make_payable']);
  });

  it('cancels every undisbursed tranche when the task is cancelled, and closes the allocation', () => {
    const t = tranches();
    t[0] = { ...t[0]!, status: 'disbursed' };
    t[1] = { ...t[1]!, status: 'held', holdCause: 'task_risk', heldFrom: 'scheduled' };
    const d = decideCheck(approved(t), moved('at_risk', 'cancelled'));
    expect(d.tranches.map((x) => x.status)).toEqual(['disbursed', 'cancelled', 'cancelled']);
    expect(d.decisions.filter((x) => x.decision === 'cancel').map((x) => x.amount)).toEqual([300, 400]);
    expect(d.status).toBe('closed');
  });

  it('examines but never touches an allocation that is not approved', () => {
    const d = decideCheck({ status: 'under_review', tranches: tranches() }, moved('in_progress', 'cancelled'));
    expect(d.changed).toBe(false);
    expect(d.decisions.every((x) => x.decision === 'unchanged' && x.why.includes('under_review'))).toBe(true);
  });

  it('changes nothing for a move without a rule, and says so', () => {
    const d = decideCheck(approved(), moved('assigned', 'in_progress'));
    expect(d.changed).toBe(false);
    expect(d.decisions[0]?.why).toContain('no funding rule');
  });
});
