import { DomainError } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { mergeMilestones } from './edit-task';

describe('the office’s milestone list', () => {
  const current = [
    { title: 'A', dueDate: '2020-03-31', done: true, evidence: 'doc' },
    { title: 'B', dueDate: '2020-06-30', done: false },
  ];
  it('keeps done state and evidence of milestones whose title stays, adds new ones undone', () => {
    expect(
      mergeMilestones(current, [
        { title: 'A', dueDate: '2020-04-30' },
        { title: 'C', dueDate: '2020-09-30' },
      ]),
    ).toEqual([
      { title: 'A', dueDate: '2020-04-30', done: true, evidence: 'doc' },
      { title: 'C', dueDate: '2020-09-30', done: false },
    ]);
  });
  it('refuses to drop a done milestone or to list a title twice', () => {
    expect((mergeMilestones(current, [{ title: 'B', dueDate: '2020-06-30' }]) as DomainError).message).toMatch(/“A”/);
    const twice = mergeMilestones(current, [
      { title: 'A', dueDate: '2020-03-31' },
      { title: 'A', dueDate: '2020-05-31' },
    ]);
    expect((twice as DomainError).message).toMatch(/twice/);
  });
});
