import {
  TASK_MOVE_NAMES,
  type Actor,
  conflict,
  DomainError,
  taskStatusChanged,
  type TaskStatus,
  validationError,
} from '@aiplat/contracts';
import type { z } from 'zod';
import type { HistoryEntry, Task } from './task';

/**
 * The task's workflow. The task owns it: every change of status, whoever asks for it, goes
 * through `decideTransition`, which either allows the move (new status, history entry, events)
 * or refuses it with the moves that are allowed instead.
 *
 *   draft → assigned → in_progress ⇄ at_risk → completed → accepted
 *                          ↑                        │
 *                          └────── send back ───────┘      any open state → cancelled
 */
/** The moves, as named on the wire (the contracts define them once for producer and caller). */
export const TASK_MOVES = TASK_MOVE_NAMES;
export type TaskMove = (typeof TASK_MOVES)[number];

/** States in which the task's work is not settled yet; a task can be cancelled from any of them. */
export const OPEN_STATUSES: readonly TaskStatus[] = Object.freeze([
  'draft',
  'assigned',
  'in_progress',
  'at_risk',
  'completed',
]);

/**
 * `office`: only the leading-group office may make the move.
 * `lead`: only staff of a lead unit may make it — the unit answers for its own work (starting,
 * slipping, recovering, finishing); the office supervises it (notices, reminders), sends completed
 * work back and may cancel, but does not report for the unit (decision 0013). Co-responsible units
 * never change status.
 */
type MoveOwner = 'office' | 'lead';

interface MoveRule {
  readonly from: readonly TaskStatus[];
  readonly to: TaskStatus;
  readonly by: MoveOwner;
  /** Slipping, sending back and cancelling must say why: the reason travels to funding and consultations. */
  readonly reasonRequired: boolean;
}

export const MOVE_RULES: Readonly<Record<TaskMove, MoveRule>> = Object.freeze({
  assign: { from: ['draft'], to: 'assigned', by: 'office', reasonRequired: false },
  start: { from: ['assigned'], to: 'in_progress', by: 'lead', reasonRequired: false },
  flag_risk: { from: ['in_progress'], to: 'at_risk', by: 'lead', reasonRequired: true },
  recover: { from: ['at_risk'], to: 'in_progress', by: 'lead', reasonRequired: false },
  complete: { from: ['in_progress', 'at_risk'], to: 'completed', by: 'lead', reasonRequired: false },
  accept: { from: ['completed'], to: 'accepted', by: 'office', reasonRequired: false },
  send_back: { from: ['completed'], to: 'in_progress', by: 'office', reasonRequired: true },
  cancel: { from: OPEN_STATUSES, to: 'cancelled', by: 'office', reasonRequired: true },
});

export const MAX_REASON_LENGTH = 2000;

/**
 * Actor roles (`Actor.roles`) that carry the office's powers over tasks. Not `admin`: administrators
 * manage accounts, not the leading group's work (the permission matrix gives them no task rights).
 */
export const TASK_MANAGER_ROLES: readonly string[] = Object.freeze(['office']);
/** The role of a responsible unit's staff; their unit is `Actor.unitId`. */
export const UNIT_STAFF_ROLE = 'bureau';

/** How an actor stands to one task. */
export type TaskStanding = 'manager' | 'lead' | 'co' | 'none';

export function standingOf(task: Pick<Task, 'leadUnitIds' | 'coUnitIds'>, actor: Actor): TaskStanding {
  const roles = actor.roles ?? [];
  if (roles.some((r) => TASK_MANAGER_ROLES.includes(r))) return 'manager';
  if (!roles.includes(UNIT_STAFF_ROLE) || !actor.unitId) return 'none';
  if ((task.leadUnitIds as readonly string[]).includes(actor.unitId)) return 'lead';
  if ((task.coUnitIds as readonly string[]).includes(actor.unitId)) return 'co';
  return 'none';
}

function mayMake(standing: TaskStanding, move: TaskMove): boolean {
  const by = MOVE_RULES[move].by;
  return (standing === 'manager' && by === 'office') || (standing === 'lead' && by === 'lead');
}

/** The moves this actor may make on the task in its current state, in workflow order. */
export function allowedMoves(task: Pick<Task, 'status' | 'leadUnitIds' | 'coUnitIds'>, actor: Actor): TaskMove[] {
  const standing = standingOf(task, actor);
  return TASK_MOVES.filter((m) => MOVE_RULES[m].from.includes(task.status) && mayMake(standing, m));
}

export interface MoveRequest {
  readonly move: TaskMove;
  readonly reason?: string;
}

export type TaskStatusChangedData = z.infer<typeof taskStatusChanged.data>;
export interface TaskStatusChangedEvent {
  readonly type: typeof taskStatusChanged.type;
  readonly data: TaskStatusChangedData;
}

export interface TransitionAllowed {
  readonly ok: true;
  readonly from: TaskStatus;
  readonly to: TaskStatus;
  /** The task after the move: new status, history entry appended. */
  readonly task: Task;
  readonly entry: HistoryEntry;
  /** To stage in the outbox with the state change. */
  readonly events: readonly TaskStatusChangedEvent[];
}

export interface TransitionRefused {
  readonly ok: false;
  /** `forbidden` (not this actor's move), `conflict` (not from this state) or `validation` (no reason). */
  readonly error: DomainError;
  /** What this actor may do from the current state instead; also in `error.details.allowedMoves`. */
  readonly allowedMoves: TaskMove[];
}

export type TransitionDecision = TransitionAllowed | TransitionRefused;

/**
 * Decides one move. Pure: `now` stamps the history entry, nothing is read or written.
 * Checks in order: who may make the move at all (forbidden), whether it is possible from the
 * current status (conflict), then its reason (validation).
 */
export function decideTransition(task: Task, request: MoveRequest, actor: Actor, now: Date): TransitionDecision {
  const rule = MOVE_RULES[request.move];
  const standing = standingOf(task, actor);
  const allowed = allowedMoves(task, actor);
  const refuse = (error: DomainError): TransitionRefused => ({ ok: false, error, allowedMoves: allowed });

  if (!mayMake(standing, request.move)) {
    return refuse(
      new DomainError('forbidden', forbiddenMessage(task, request.move, standing), undefined, {
        allowedMoves: allowed,
      }),
    );
  }
  if (!rule.from.includes(task.status)) {
    return refuse(
      conflict(`task ${task.code} is ${task.status}: ${request.move} is only possible from ${rule.from.join(', ')}`, {
        allowedMoves: allowed,
      }),
    );
  }
  const reason = request.reason?.trim() || undefined;
  if (rule.reasonRequired && !reason) {
    return refuse(validationError(`${request.move} needs a reason`, [{ path: 'reason', message: 'required' }]));
  }
  if (reason && reason.length > MAX_REASON_LENGTH) {
    return refuse(
      validationError('the reason is too long', [
        { path: 'reason', message: `at most ${MAX_REASON_LENGTH} characters` },
      ]),
    );
  }

  const entry: HistoryEntry = {
    at: now.toISOString(),
    by: actor.id,
    from: task.status,
    to: rule.to,
    ...(reason ? { reason } : {}),
  };
  const data: TaskStatusChangedData = {
    taskId: task.id,
    code: task.code,
    title: task.title,
    from: task.status,
    to: rule.to,
    ...(reason ? { reason } : {}),
    leadUnitIds: [...task.leadUnitIds],
    coUnitIds: [...task.coUnitIds],
    ...(task.dueDate ? { dueDate: task.dueDate } : {}),
  };
  return {
    ok: true,
    from: task.status,
    to: rule.to,
    task: { ...task, status: rule.to, history: [...task.history, entry] },
    entry,
    events: [{ type: taskStatusChanged.type, data }],
  };
}

function forbiddenMessage(task: Pick<Task, 'code'>, move: TaskMove, standing: TaskStanding): string {
  switch (standing) {
    case 'co':
      return `co-responsible units do not change the status of task ${task.code}; its lead units do`;
    case 'lead':
      return `${move} is for the leading-group office`;
    case 'manager':
      return `${move} is reported by a lead unit of task ${task.code}; the office supervises it (a notice or a reminder) instead`;
    default:
      return `only the leading-group office or a lead unit of task ${task.code} may change its status`;
  }
}
