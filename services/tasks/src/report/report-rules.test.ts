import { DomainError, type Actor } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { applyMilestoneUpdates, checkReturn, checkSubmission, reportingUnitOf } from './report-rules';

const bureau = (unitId: string): Actor => ({ kind: 'user', id: `u-${unitId}`, roles: ['bureau'], unitId });
const task = { leadUnitIds: ['city-agriculture'], coUnitIds: ['city-economy-it'] };

describe('who reports', () => {
  it('a lead unit reports as lead, a co-responsible unit as co, anyone else is refused', () => {
    expect(reportingUnitOf(task, bureau('city-agriculture'))).toEqual({ unitId: 'city-agriculture', lead: true });
    expect(reportingUnitOf(task, bureau('city-economy-it'))).toEqual({ unitId: 'city-economy-it', lead: false });
    expect((reportingUnitOf(task, bureau('city-drc')) as DomainError).code).toBe('forbidden');
    const office: Actor = { kind: 'user', id: 'o', roles: ['office'], unitId: 'lg-office' };
    expect((reportingUnitOf(task, office) as DomainError).code).toBe('forbidden');
  });
});

describe('when a report may be written', () => {
  it('on open or completed tasks, first time or after a return', () => {
    for (const status of ['assigned', 'in_progress', 'at_risk', 'completed'] as const) {
      expect(checkSubmission('2020-4.2', status, null)).toBeUndefined();
      expect(checkSubmission('2020-4.2', status, { status: 'returned' })).toBeUndefined();
    }
  });
  it('not on drafts, accepted or cancelled tasks, nor twice while submitted', () => {
    for (const status of ['draft', 'accepted', 'cancelled'] as const) {
      expect(checkSubmission('2020-4.2', status, null)?.code).toBe('conflict');
    }
    expect(checkSubmission('2020-4.2', 'in_progress', { status: 'submitted' })?.message).toMatch(/already submitted/);
  });
  it('only a submitted report is returned', () => {
    expect(checkReturn('submitted')).toBeUndefined();
    expect(checkReturn('returned')?.code).toBe('conflict');
  });
});

describe('milestone updates', () => {
  const milestones = [
    { title: '出台细则', dueDate: '2020-06-30', done: false },
    { title: '建成平台', dueDate: '2020-12-31', done: false },
    { title: '启动调研', dueDate: '2020-03-31', done: true, evidence: '调研报告' },
  ];
  it('marks named milestones done with evidence and says which are newly done and late', () => {
    const effect = applyMilestoneUpdates(
      milestones,
      [{ title: '出台细则', evidence: '文件' }, { title: '启动调研' }],
      new Date('2020-07-10T00:00:00Z'),
    );
    if (effect instanceof DomainError) throw effect;
    expect(effect.milestones.map((m) => m.done)).toEqual([true, false, true]);
    expect(effect.milestones[0]!.evidence).toBe('文件');
    expect(effect.milestones[2]!.evidence).toBe('调研报告');
    expect(effect.newlyDone).toEqual([
      { title: '出台细则', dueDate: '2020-06-30', done: true, evidence: '文件', late: true },
    ]);
  });
  it('refuses a title the task does not have, naming the titles it has', () => {
    const effect = applyMilestoneUpdates(milestones, [{ title: '出台细侧' }], new Date());
    expect(effect).toBeInstanceOf(DomainError);
    expect((effect as DomainError).message).toContain('出台细侧');
    expect((effect as DomainError).details).toEqual({ milestones: ['出台细则', '建成平台', '启动调研'] });
  });
});
