import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  filtersFromSearch,
  hasActiveFilters,
  isTaskCode,
  isUnitScoped,
  searchFromFilters,
  taskApiPath,
  taskListApiPath,
  withFilter,
} from './task-list-query';

const params = (query: string) => new URLSearchParams(query);

describe('filtersFromSearch', () => {
  it('starts with top-level tasks only and no other filter', () => {
    expect(filtersFromSearch(params(''))).toEqual(DEFAULT_FILTERS);
  });

  it('reads status, unit, the top-level switch and the page', () => {
    expect(filtersFromSearch(params('status=at_risk&unitId=city-drc&topLevelOnly=false&after=2020-3.1'))).toEqual({
      status: 'at_risk',
      unitId: 'city-drc',
      topLevelOnly: false,
      after: '2020-3.1',
    });
  });

  it('reads no unit filter for a unit-scoped user', () => {
    expect(filtersFromSearch(params('unitId=city-drc&status=draft'), true)).toEqual({
      status: 'draft',
      topLevelOnly: true,
    });
  });

  it('ignores values the server would refuse', () => {
    expect(filtersFromSearch(params('status=lost&unitId=City%20DRC&after=%24where&topLevelOnly=0'))).toEqual({
      topLevelOnly: true,
    });
    expect(filtersFromSearch(params(`unitId=${'a'.repeat(65)}`))).toEqual({ topLevelOnly: true });
  });
});

describe('searchFromFilters', () => {
  it('leaves defaults out, so the plain list has no query', () => {
    expect(searchFromFilters(DEFAULT_FILTERS).toString()).toBe('');
  });

  it('round-trips through the URL', () => {
    const filters = { status: 'completed', unitId: 'zone-hightech', topLevelOnly: false, after: '2020-4.2' } as const;
    expect(filtersFromSearch(searchFromFilters(filters))).toEqual(filters);
  });
});

describe('withFilter', () => {
  it('starts again from the first page when a filter changes', () => {
    expect(withFilter({ topLevelOnly: true, after: '2020-3.1' }, { status: 'draft' })).toEqual({
      topLevelOnly: true,
      status: 'draft',
    });
  });

  it('drops a filter set to undefined', () => {
    const cleared = withFilter({ topLevelOnly: true, status: 'draft' }, { status: undefined });
    expect(cleared.status).toBeUndefined();
    expect(searchFromFilters(cleared).toString()).toBe('');
  });
});

describe('hasActiveFilters', () => {
  it('counts status, unit and showing sub-tasks, not the page', () => {
    expect(hasActiveFilters({ topLevelOnly: true, after: '2020-2.1' })).toBe(false);
    expect(hasActiveFilters({ topLevelOnly: false })).toBe(true);
    expect(hasActiveFilters({ topLevelOnly: true, unitId: 'city-drc' })).toBe(true);
  });
});

describe('taskListApiPath', () => {
  it('always says whether sub-tasks are wanted and how many rows', () => {
    expect(taskListApiPath(DEFAULT_FILTERS, false)).toBe('/api/v1/tasks?topLevelOnly=true&limit=20');
  });

  it('passes the filters and the cursor', () => {
    expect(
      taskListApiPath({ status: 'in_progress', unitId: 'city-drc', topLevelOnly: false, after: '2020-2.2' }, false, 50),
    ).toBe('/api/v1/tasks?status=in_progress&unitId=city-drc&topLevelOnly=false&limit=50&after=2020-2.2');
  });

  it('sends no unit filter for unit-scoped users (the server scopes them anyway)', () => {
    expect(taskListApiPath({ unitId: 'city-drc', topLevelOnly: true }, true)).toBe(
      '/api/v1/tasks?topLevelOnly=true&limit=20',
    );
  });
});

describe('task codes', () => {
  it('accepts plan codes and nothing else', () => {
    expect(isTaskCode('2020-2.2.1')).toBe(true);
    expect(isTaskCode('2020-4')).toBe(true);
    expect(isTaskCode(undefined)).toBe(false);
    expect(isTaskCode('../me')).toBe(false);
    expect(isTaskCode('2020-2.1?x=1')).toBe(false);
  });

  it('builds the task’s API path', () => {
    expect(taskApiPath('2020-2.1')).toBe('/api/v1/tasks/2020-2.1');
  });
});

describe('isUnitScoped', () => {
  it('is true for bureau staff alone, false as soon as a role sees every unit', () => {
    expect(isUnitScoped(['bureau'])).toBe(true);
    expect(isUnitScoped(['bureau', 'expert'])).toBe(true);
    expect(isUnitScoped(['bureau', 'office'])).toBe(false);
    expect(isUnitScoped(['office'])).toBe(false);
    expect(isUnitScoped(['funding_officer'])).toBe(false);
    expect(isUnitScoped([])).toBe(false);
  });
});
