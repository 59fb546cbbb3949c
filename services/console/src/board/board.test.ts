import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, type TaskSummary } from '../tasks/task-types';
import { byLeadUnit, byStatus, latestYear } from './board-groups';
import { boardApiPath, boardFiltersFromSearch, hasBoardFilters, searchFromBoardFilters } from './board-query';

const task = (code: string, status: TaskSummary['status'], leadUnitIds: string[], overdue = false): TaskSummary => ({
  code,
  title: code,
  status,
  leadUnitIds,
  coUnitIds: [],
  progress: 0,
  riskLevel: 'none',
  overdue,
  version: 0,
});

describe('board query', () => {
  it('reads the filters from the URL and writes them back, defaults left out', () => {
    const filters = boardFiltersFromSearch(
      new URLSearchParams('view=units&section=4&risk=high&overdue=true&q=%20芯片%20'),
    );
    expect(filters).toEqual({ view: 'units', section: 4, riskLevel: 'high', overdue: true, q: '芯片' });
    expect(searchFromBoardFilters(filters).toString()).toBe(
      'view=units&section=4&risk=high&overdue=true&q=%E8%8A%AF%E7%89%87',
    );
    expect(hasBoardFilters(filters)).toBe(true);
    const plain = boardFiltersFromSearch(new URLSearchParams('view=x&section=0&risk=huge&overdue=1'));
    expect(plain).toEqual({ view: 'status', overdue: false });
    expect(searchFromBoardFilters(plain).toString()).toBe('');
    expect(hasBoardFilters(plain)).toBe(false);
  });

  it('asks the API for every task matching the filters', () => {
    expect(boardApiPath({ view: 'status', overdue: false })).toBe('/api/v1/tasks?limit=500&topLevelOnly=false');
    expect(boardApiPath({ view: 'units', section: 2, riskLevel: 'low', overdue: true, q: 'a b' })).toBe(
      '/api/v1/tasks?limit=500&topLevelOnly=false&section=2&riskLevel=low&overdue=true&q=a+b',
    );
  });
});

describe('board groups', () => {
  const tasks = [
    task('2020-1', 'in_progress', ['a', 'b'], true),
    task('2020-2', 'in_progress', ['b']),
    task('2020-3', 'accepted', ['c']),
    task('2021-1', 'draft', ['b', 'b']),
  ];

  it('puts each task in its status column, every status present', () => {
    const columns = byStatus(tasks);
    expect([...columns.keys()]).toEqual([...TASK_STATUSES]);
    expect(columns.get('in_progress')?.map((t) => t.code)).toEqual(['2020-1', '2020-2']);
    expect(columns.get('cancelled')).toEqual([]);
  });

  it('counts per lead unit, busiest first, a shared task for each of its lead units', () => {
    const rows = byLeadUnit(tasks);
    expect(rows.map((r) => [r.unitId, r.total, r.overdue])).toEqual([
      ['b', 3, 1],
      ['a', 1, 1],
      ['c', 1, 0],
    ]);
    expect(rows[0]?.counts.in_progress).toBe(2);
    expect(rows[0]?.counts.draft).toBe(1);
  });

  it('finds the latest plan year from the codes', () => {
    expect(latestYear(tasks, 2026)).toBe(2021);
    expect(latestYear([], 2026)).toBe(2026);
  });
});
