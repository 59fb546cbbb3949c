import { describe, expect, it } from 'vitest';
import { openingOf, proposedParticipants, suggestedAgenda, type Trigger } from './record';

const change = (to: string, reason?: string): Trigger =>
  ({
    id: 'e1',
    type: 'task.status_changed',
    time: '2026-11-28T00:00:00.000Z',
    data: {
      taskId: '2020-3.3',
      code: '2020-3.3',
      title: '培育智能企业',
      from: 'in_progress',
      to,
      ...(reason ? { reason } : {}),
      leadUnitIds: ['city-economy-it'],
      coUnitIds: ['city-drc'],
    },
  }) as Trigger;

describe('consultation records', () => {
  it('open for at risk, completed, cancelled and overdue — not for other moves', () => {
    expect(openingOf(change('at_risk', '企业引进滞后'))).toEqual({ type: 'risk_review', reason: '企业引进滞后' });
    expect(openingOf(change('completed'))?.type).toBe('acceptance_appraisal');
    expect(openingOf(change('cancelled', '并入其他任务'))).toEqual({
      type: 'cancellation_review',
      reason: '并入其他任务',
    });
    expect(openingOf(change('in_progress'))).toBeUndefined();
    expect(openingOf(change('accepted'))).toBeUndefined();
    const overdue = openingOf({
      id: 'e2',
      type: 'task.overdue_flagged',
      time: '2026-11-28T00:00:00.000Z',
      data: {
        taskId: '2020-3.3',
        code: '2020-3.3',
        title: 'x',
        status: 'in_progress',
        dueDate: '2020-06-30',
        milestone: '出台细则',
        leadUnitIds: ['city-economy-it'],
      },
    });
    expect(overdue).toEqual({ type: 'overdue_review', reason: '节点“出台细则”已于 2020-06-30 到期未完成' });
  });

  it('pre-fills the agenda from the task and its funds, saying when the details are missing', () => {
    const facts = {
      status: 'at_risk',
      progress: 35,
      dueDate: '2020-12-31',
      milestones: [
        { title: '出台细则', dueDate: '2020-06-30', done: false },
        { title: '建成平台', dueDate: '2021-06-30', done: false },
        { title: '启动', dueDate: '2020-03-31', done: true },
      ],
    };
    const agenda = suggestedAgenda('risk_review', '滞后', facts, '2020-12-01', {
      allocations: 2,
      amount: 150_000_000,
      heldTranches: 1,
      heldAmount: 50_000_005,
    });
    expect(agenda).toEqual([
      '事由：滞后',
      '任务现状：at_risk，进度 35%，完成时限 2020-12-31',
      '未按期完成的节点：出台细则（2020-06-30）',
      '关联资金：2 笔申请，合计 1500000.00 元；暂停拨付 1 批，500000.05 元',
      '议题：研究化解风险的措施，明确需协调解决的事项',
    ]);
    expect(suggestedAgenda('overdue_review', 'x', undefined, '2020-12-01')[1]).toBe(
      '任务详情待补充（开启记录时未能取得）',
    );
  });

  it('proposes the task units and at most three experts not of a lead unit', () => {
    const experts = [
      { id: 'x1', name: '甲', unitId: 'city-economy-it' },
      { id: 'x2', name: '乙' },
      { id: 'x3', name: '丙' },
      { id: 'x4', name: '丁' },
      { id: 'x5', name: '戊' },
    ];
    const proposed = proposedParticipants(['city-economy-it'], ['city-drc'], experts);
    expect(proposed.map((p) => `${p.kind}:${p.id}`)).toEqual([
      'unit:city-economy-it',
      'unit:city-drc',
      'expert:x2',
      'expert:x3',
      'expert:x4',
    ]);
    expect(proposed[0]!.name).toBe('市经信局');
  });
});
