import { DomainError } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { newTaskSchema, type ProgressPart, rollUpProgress, taskCodeSchema, taskSchema } from './task';

const valid = {
  id: 'task-2020-2.2',
  code: '2020-2.2',
  title: '突破关键共性技术',
  description: '',
  policySection: { section: 2, sectionTitle: '构建创新体系', item: 2 },
  children: ['2020-2.2.1', '2020-2.2.2'],
  leadUnitIds: ['city-drc', 'city-economy-it'],
  coUnitIds: ['city-science-tech'],
  contacts: [{ unitId: 'city-drc', name: '张三', phone: '0551-00000000' }],
  startDate: '2020-05-01',
  dueDate: '2020-12-31',
  milestones: [{ title: '完成方案', dueDate: '2020-07-31', done: false }],
  targets: [
    { metric: 'demonstration_projects', label: '应用示范项目', comparator: '≥', value: 20, unit: '个', year: 2020 },
  ],
  weight: 2,
  progress: 10,
  riskLevel: 'low',
  status: 'in_progress',
  history: [{ at: '2020-05-01T00:00:00.000Z', by: 'u-office', from: 'draft', to: 'assigned' }],
};

describe('taskSchema', () => {
  it('accepts a complete task, and the same without id as a new task', () => {
    expect(taskSchema.parse(valid)).toEqual(valid);
    const { id: _id, ...fresh } = valid;
    expect(newTaskSchema.safeParse(fresh).success).toBe(true);
  });

  it.each([
    ['no lead unit', { leadUnitIds: [] }, 'leadUnitIds'],
    ['an unregistered unit', { coUnitIds: ['city-mars'] }, 'coUnitIds.0'],
    ['a lead unit again among the co-responsible', { coUnitIds: ['city-drc'] }, 'coUnitIds.0'],
    ['a unit twice', { leadUnitIds: ['city-drc', 'city-drc'] }, 'leadUnitIds'],
    [
      'a contact of a unit not on the task',
      { contacts: [{ unitId: 'city-court', name: '李四' }] },
      'contacts.0.unitId',
    ],
    ['a due date before the start', { startDate: '2021-01-01' }, 'dueDate'],
    ['a child code of another task', { children: ['2020-3.1.1'] }, 'children.0'],
    ['a parent that is not a prefix', { parentCode: '2020-3' }, 'parentCode'],
    ['a malformed code', { code: '2.2' }, 'code'],
    ['progress over 100', { progress: 101 }, 'progress'],
    ['a zero weight', { weight: 0 }, 'weight'],
    ['an unknown field', { owner: 'x' }, ''],
  ])('refuses %s', (_name, patch, path) => {
    const result = taskSchema.safeParse({ ...valid, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('takes codes of plans, items and sub-areas', () => {
    for (const code of ['2020-2.1', '2020-4.10', '2020-2.2.6']) expect(taskCodeSchema.parse(code)).toBe(code);
    for (const code of ['2020', '2020-2', '20-2.1', '2020-2.1.'])
      expect(taskCodeSchema.safeParse(code).success).toBe(false);
  });
});

describe('rollUpProgress', () => {
  const parent = { code: '2020-3.2', children: ['2020-3.2.1', '2020-3.2.2', '2020-3.2.3'], progress: 5 };
  const child = (n: number, weight: number, progress: number, status: ProgressPart['status'] = 'in_progress') => ({
    code: `2020-3.2.${n}`,
    weight,
    progress,
    status,
  });

  it('is the mean of the children weighted by their weights', () => {
    expect(rollUpProgress(parent, [child(1, 1, 100), child(2, 1, 50), child(3, 2, 0)])).toBe(37.5);
    expect(rollUpProgress(parent, [child(1, 1, 30), child(2, 1, 60)])).toBe(45);
  });

  it('leaves cancelled children out', () => {
    expect(rollUpProgress(parent, [child(1, 1, 80), child(2, 5, 0, 'cancelled')])).toBe(80);
  });

  it('keeps the parent’s own progress when no child counts', () => {
    expect(rollUpProgress(parent, [])).toBe(5);
    expect(rollUpProgress(parent, [child(1, 1, 90, 'cancelled')])).toBe(5);
  });

  it('refuses a task that is not one of the parent’s children', () => {
    expect(() => rollUpProgress(parent, [child(1, 1, 10), { ...child(9, 1, 10), code: '2020-2.2.1' }])).toThrow(
      DomainError,
    );
    expect(() => rollUpProgress(parent, [{ ...child(1, 1, 10), code: '2020-2.2.1' }])).toThrow(/2020-2.2.1/);
  });
});
