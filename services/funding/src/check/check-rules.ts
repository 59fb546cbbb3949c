import type { AllocationStatus, TaskStatus } from '@aiplat/contracts';
import { allSettled, type Tranche, type TrancheDecision } from '../allocation/allocation';

/** What happened to the task, as a funding check sees it. */
export type TaskMove =
  { kind: 'status_changed'; from: TaskStatus; to: TaskStatus } | { kind: 'overdue'; status: TaskStatus };

export interface CheckDecision {
  tranches: Tranche[];
  decisions: TrancheDecision[];
  status: AllocationStatus;
  /** True when a tranche or the allocation changes (otherwise only the check is recorded). */
  changed: boolean;
}

const unchanged = (t: Tranche, why: string): TrancheDecision => ({
  tranche: t.index,
  amount: t.amount,
  from: t.status,
  to: t.status,
  decision: 'unchanged',
  why,
});

function describe(move: TaskMove): string {
  return move.kind === 'overdue' ? `task overdue (${move.status})` : `task ${move.from} → ${move.to}`;
}

/**
 * The funding rules for one task event, over one allocation linked to the task:
 *  - at_risk or overdue → scheduled and payable tranches are held (cause `task_risk`);
 *  - at_risk → in_progress, or accepted → holds with cause `task_risk` are lifted;
 *  - completed → the final (acceptance) tranche awaits acceptance;
 *  - accepted → the final tranche becomes payable;
 *  - cancelled → every undisbursed tranche is cancelled (its commitment is released).
 * Only approved allocations have live tranches; others are examined and left alone.
 * When every tranche is settled (disbursed or cancelled) the allocation closes.
 */
export function decideCheck(
  allocation: { status: AllocationStatus; tranches: readonly Tranche[] },
  move: TaskMove,
): CheckDecision {
  if (allocation.status !== 'approved') {
    return {
      tranches: [...allocation.tranches],
      decisions: allocation.tranches.map((t) =>
        unchanged(t, `allocation is ${allocation.status}; its tranches are not live`),
      ),
      status: allocation.status,
      changed: false,
    };
  }
  const risk = move.kind === 'overdue' || move.to === 'at_risk';
  const target = move.kind === 'status_changed' ? move.to : undefined;
  const recovered = move.kind === 'status_changed' && move.from === 'at_risk' && move.to === 'in_progress';
  const sentBack = move.kind === 'status_changed' && move.from === 'completed' && move.to === 'in_progress';
  const lastIndex = allocation.tranches.length - 1;

  const tranches: Tranche[] = [];
  const decisions: TrancheDecision[] = [];
  for (const t of allocation.tranches) {
    const final = t.index === lastIndex && t.trigger === 'acceptance';
    const { next, decision } = decideTranche(t, final);
    tranches.push(next);
    decisions.push(decision);
  }
  const status: AllocationStatus = allSettled(tranches) ? 'closed' : 'approved';
  const changed =
    status !== allocation.status ||
    tranches.some((t, i) => JSON.stringify(t) !== JSON.stringify(allocation.tranches[i]));
  return { tranches, decisions, status, changed };

  function decideTranche(t: Tranche, final: boolean): { next: Tranche; decision: TrancheDecision } {
    const why = describe(move);
    const settled = t.status === 'disbursed' || t.status === 'cancelled';
    if (settled) return { next: t, decision: unchanged(t, `already ${t.status}`) };
    const to = (next: Tranche, decision: TrancheDecision['decision'], reason: string) => ({
      next,
      decision: { tranche: t.index, amount: t.amount, from: t.status, to: next.status, decision, why: reason },
    });
    const lifted = (): Tranche => {
      const { holdCause: _c, heldFrom, ...rest } = t;
      return { ...rest, status: heldFrom ?? 'scheduled' };
    };

    if (target === 'cancelled') {
      const { holdCause: _c, heldFrom: _f, awaitingAcceptance: _a, ...rest } = t;
      return to(
        { ...rest, status: 'cancelled' },
        'cancel',
        `${why}: undisbursed tranche cancelled, commitment released`,
      );
    }
    if (risk) {
      if (t.status === 'held') return { next: t, decision: unchanged(t, `${why}: already held`) };
      return to(
        { ...t, status: 'held', holdCause: 'task_risk', heldFrom: t.status as 'scheduled' | 'payable' },
        'hold',
        `${why}: held until the task recovers`,
      );
    }
    if (target === 'accepted' && final) {
      const { holdCause: _c, heldFrom: _f, awaitingAcceptance: _a, ...rest } = t;
      if (t.status === 'payable') return { next: t, decision: unchanged(t, `${why}: already payable`) };
      if (t.status === 'held' && t.holdCause !== 'task_risk') {
        return { next: t, decision: unchanged(t, `${why}: held for another cause`) };
      }
      return to({ ...rest, status: 'payable' }, 'make_payable', `${why}: final tranche payable on acceptance`);
    }
    if ((recovered || target === 'accepted') && t.status === 'held' && t.holdCause === 'task_risk') {
      return to(lifted(), 'lift_hold', `${why}: the task recovered, hold lifted`);
    }
    if (target === 'completed' && final) {
      if (t.awaitingAcceptance) return { next: t, decision: unchanged(t, `${why}: already awaiting acceptance`) };
      return {
        next: { ...t, awaitingAcceptance: true },
        decision: { ...unchanged(t, `${why}: final tranche awaits acceptance`), decision: 'await_acceptance' },
      };
    }
    if (sentBack && final && t.awaitingAcceptance) {
      const { awaitingAcceptance: _a, ...rest } = t;
      return { next: rest, decision: unchanged(t, `${why}: sent back, no longer awaiting acceptance`) };
    }
    return { next: t, decision: unchanged(t, `${why}: no funding rule for this tranche`) };
  }
}
