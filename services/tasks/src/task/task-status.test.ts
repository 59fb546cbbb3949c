import { type Actor, DomainError, TASK_STATUSES, type TaskStatus, taskStatusChanged } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { type Task, taskSchema } from './task';
import { allowedMoves, decideTransition, MOVE_RULES, standingOf, TASK_MOVES, type TaskMove } from './task-status';

const NOW = new Date('2020-06-30T02:00:00.000Z');

function aTask(status: TaskStatus, overrides: Partial<Task> = {}): Task {
  return taskSchema.parse({
    id: 'task-2020-4.5',
    code: '2020-4.5',
    title: '人工智能+医疗康养',
    description: '',
    children: [],
    leadUnitIds: ['city-health', 'city-market-regulation'],
    coUnitIds: ['district-shushan', 'city-drc'],
    contacts: [],
    dueDate: '2020-12-31',
    milestones: [],
    targets: [],
    weight: 1,
    progress: 40,
    riskLevel: 'none',
    status,
    history: [],
    ...overrides,
  });
}

const ACTORS = {
  office: { kind: 'user', id: 'u-office', unitId: 'lg-office', roles: ['office'] },
  admin: { kind: 'user', id: 'u-admin', roles: ['admin'] },
  lead: { kind: 'user', id: 'u-health', unitId: 'city-health', roles: ['bureau'] },
  co: { kind: 'user', id: 'u-shushan', unitId: 'district-shushan', roles: ['bureau'] },
  otherUnit: { kind: 'user', id: 'u-police', unitId: 'city-public-security', roles: ['bureau'] },
  expert: { kind: 'user', id: 'u-expert', roles: ['expert'] },
  system: { kind: 'system', id: 'funding' },
} satisfies Record<string, Actor>;
type ActorName = keyof typeof ACTORS;

// The workflow as the product describes it, written out by hand rather than derived from MOVE_RULES.
const TARGET: Record<TaskMove, TaskStatus> = {
  assign: 'assigned',
  start: 'in_progress',
  flag_risk: 'at_risk',
  recover: 'in_progress',
  complete: 'completed',
  accept: 'accepted',
  send_back: 'in_progress',
  cancel: 'cancelled',
};
// The office assigns, accepts, sends back and cancels; it never reports a unit's work for it.
const OFFICE_MOVES: Record<TaskStatus, TaskMove[]> = {
  draft: ['assign', 'cancel'],
  assigned: ['cancel'],
  in_progress: ['cancel'],
  at_risk: ['cancel'],
  completed: ['accept', 'send_back', 'cancel'],
  accepted: [],
  cancelled: [],
};
const LEAD_MOVES: Record<TaskStatus, TaskMove[]> = {
  draft: [],
  assigned: ['start'],
  in_progress: ['flag_risk', 'complete'],
  at_risk: ['recover', 'complete'],
  completed: [],
  accepted: [],
  cancelled: [],
};
const LEAD_MAY_EVER: readonly TaskMove[] = ['start', 'flag_risk', 'recover', 'complete'];
const OFFICE_MAY_EVER: readonly TaskMove[] = ['assign', 'accept', 'send_back', 'cancel'];
const movesOf = (actor: ActorName, status: TaskStatus): TaskMove[] =>
  actor === 'office' ? OFFICE_MOVES[status] : actor === 'lead' ? LEAD_MOVES[status] : [];

type Expected = { ok: true; to: TaskStatus } | { ok: false; code: 'forbidden' | 'conflict' };
function expected(actor: ActorName, status: TaskStatus, move: TaskMove): Expected {
  if (movesOf(actor, status).includes(move)) return { ok: true, to: TARGET[move] };
  const mayEver =
    (actor === 'office' && OFFICE_MAY_EVER.includes(move)) || (actor === 'lead' && LEAD_MAY_EVER.includes(move));
  return { ok: false, code: mayEver ? 'conflict' : 'forbidden' };
}

const cases = (Object.keys(ACTORS) as ActorName[]).flatMap((actor) =>
  TASK_STATUSES.flatMap((status) =>
    TASK_MOVES.map((move) => ({ actor, status, move, want: expected(actor, status, move) })),
  ),
);

describe('decideTransition: every move from every status for every actor', () => {
  it('covers the whole table', () => {
    expect(cases).toHaveLength(7 * 7 * 8);
    // The office's 8 allowed moves and the lead unit's 5; nobody else may move a task (admins neither).
    expect(cases.filter((c) => c.want.ok)).toHaveLength(8 + 5);
  });

  it.each(cases)('$actor: $move from $status', ({ actor, status, move, want }) => {
    const task = aTask(status);
    const decision = decideTransition(task, { move, reason: 'a reason' }, ACTORS[actor], NOW);
    if (want.ok) {
      expect(decision).toMatchObject({ ok: true, from: status, to: want.to });
      return;
    }
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.error).toBeInstanceOf(DomainError);
    expect(decision.error.code).toBe(want.code);
    expect(decision.allowedMoves).toEqual(movesOf(actor, status));
    expect(decision.error.details).toEqual({ allowedMoves: movesOf(actor, status) });
  });
});

describe('decideTransition: the allowed move', () => {
  it('returns the moved task, its history entry and the task.status_changed event', () => {
    const task = aTask('in_progress');
    const decision = decideTransition(task, { move: 'flag_risk', reason: '  设备到货延迟  ' }, ACTORS.lead, NOW);
    if (!decision.ok) throw decision.error;

    const entry = {
      at: '2020-06-30T02:00:00.000Z',
      by: 'u-health',
      from: 'in_progress',
      to: 'at_risk',
      reason: '设备到货延迟',
    };
    expect(decision.entry).toEqual(entry);
    expect(decision.task.status).toBe('at_risk');
    expect(decision.task.history).toEqual([entry]);
    expect(taskSchema.safeParse(decision.task).success).toBe(true);

    expect(decision.events).toHaveLength(1);
    const [event] = decision.events;
    expect(event?.type).toBe('task.status_changed');
    expect(taskStatusChanged.data.parse(event?.data)).toEqual({
      taskId: 'task-2020-4.5',
      code: '2020-4.5',
      title: '人工智能+医疗康养',
      from: 'in_progress',
      to: 'at_risk',
      reason: '设备到货延迟',
      leadUnitIds: ['city-health', 'city-market-regulation'],
      coUnitIds: ['district-shushan', 'city-drc'],
      dueDate: '2020-12-31',
    });
  });

  it('leaves the given task untouched', () => {
    const task = aTask('completed');
    const before = structuredClone(task);
    const decision = decideTransition(task, { move: 'accept' }, ACTORS.office, NOW);
    expect(decision.ok).toBe(true);
    expect(task).toEqual(before);
  });

  it('keeps an optional reason and leaves out an absent one and the absent due date', () => {
    const withNote = decideTransition(aTask('at_risk'), { move: 'complete', reason: '提前完成' }, ACTORS.lead, NOW);
    expect(withNote.ok && withNote.entry.reason).toBe('提前完成');

    const bare = decideTransition(aTask('assigned', { dueDate: undefined }), { move: 'start' }, ACTORS.lead, NOW);
    if (!bare.ok) throw bare.error;
    expect(bare.entry).not.toHaveProperty('reason');
    expect(bare.events[0]?.data).not.toHaveProperty('reason');
    expect(bare.events[0]?.data).not.toHaveProperty('dueDate');
  });
});

describe('decideTransition: reasons', () => {
  const needsReason = TASK_MOVES.filter((m) => MOVE_RULES[m].reasonRequired);

  it('requires one to flag at risk, send back and cancel, and only then', () => {
    expect(needsReason).toEqual(['flag_risk', 'send_back', 'cancel']);
  });

  it.each([
    ['flag_risk', 'in_progress', 'lead'],
    ['send_back', 'completed', 'office'],
    ['cancel', 'assigned', 'office'],
  ] as const)('refuses %s from %s without a reason', (move, status, actor) => {
    for (const reason of [undefined, '', '   ']) {
      const decision = decideTransition(aTask(status), { move, reason }, ACTORS[actor], NOW);
      expect(decision.ok).toBe(false);
      if (decision.ok) return;
      expect(decision.error.code).toBe('validation');
      expect(decision.error.issues).toEqual([{ path: 'reason', message: 'required' }]);
      expect(decision.allowedMoves).toContain(move);
    }
  });

  it('refuses a reason longer than the event can carry', () => {
    const decision = decideTransition(
      aTask('in_progress'),
      { move: 'flag_risk', reason: '慢'.repeat(2001) },
      ACTORS.lead,
      NOW,
    );
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.error.code).toBe('validation');
  });

  it('checks who and when before the reason', () => {
    const byCo = decideTransition(aTask('in_progress'), { move: 'flag_risk' }, ACTORS.co, NOW);
    expect(!byCo.ok && byCo.error.code).toBe('forbidden');
    const fromDraft = decideTransition(aTask('draft'), { move: 'send_back' }, ACTORS.office, NOW);
    expect(!fromDraft.ok && fromDraft.error.code).toBe('conflict');
  });
});

describe('standingOf and allowedMoves', () => {
  it('tells apart the office, lead, co-responsible and unrelated actors (an admin is unrelated)', () => {
    const task = aTask('in_progress');
    expect(standingOf(task, ACTORS.office)).toBe('manager');
    expect(standingOf(task, ACTORS.admin)).toBe('none');
    expect(standingOf(task, ACTORS.lead)).toBe('lead');
    expect(standingOf(task, { ...ACTORS.lead, unitId: 'city-market-regulation' })).toBe('lead');
    expect(standingOf(task, ACTORS.co)).toBe('co');
    expect(standingOf(task, ACTORS.otherUnit)).toBe('none');
    expect(standingOf(task, ACTORS.expert)).toBe('none');
    expect(standingOf(task, ACTORS.system)).toBe('none');
  });

  it('does not let a unit id without the bureau role act for the unit', () => {
    expect(standingOf(aTask('assigned'), { kind: 'user', id: 'u-x', unitId: 'city-health', roles: ['expert'] })).toBe(
      'none',
    );
  });

  it('lists moves in workflow order', () => {
    expect(allowedMoves(aTask('completed'), ACTORS.office)).toEqual(['accept', 'send_back', 'cancel']);
    expect(allowedMoves(aTask('at_risk'), ACTORS.lead)).toEqual(['recover', 'complete']);
    expect(allowedMoves(aTask('at_risk'), ACTORS.co)).toEqual([]);
  });
});
