import { isTaskStatus, type TaskStatus } from './task-types';

/** Rows per page of the task list. */
export const TASK_PAGE_SIZE = 20;

const UNIT_ID = /^[a-z0-9][a-z0-9-]*$/;
const TASK_CODE = /^\d{4}-\d+(\.\d+)*$/;

/** The list's filters and page, kept in the URL (`#/tasks?status=…`) so a reload or the back button keeps them. */
export interface TaskListFilters {
  readonly status?: TaskStatus;
  readonly unitId?: string;
  /** On unless the URL says `topLevelOnly=false`. */
  readonly topLevelOnly: boolean;
  /** The code after which this page starts (the previous page's `next`); absent on the first page. */
  readonly after?: string;
}

export const DEFAULT_FILTERS: TaskListFilters = { topLevelOnly: true };

/**
 * Reads the filters from the page URL; anything malformed is ignored rather than sent to the server. A unit-scoped
 * user has no unit filter (the server shows them their own unit's tasks whatever they ask), so none is read for them.
 */
export function filtersFromSearch(search: URLSearchParams, unitScoped = false): TaskListFilters {
  const status = search.get('status');
  const unitId = unitScoped ? null : search.get('unitId');
  const after = search.get('after');
  return {
    ...(isTaskStatus(status) ? { status } : {}),
    ...(unitId && unitId.length <= 64 && UNIT_ID.test(unitId) ? { unitId } : {}),
    topLevelOnly: search.get('topLevelOnly') !== 'false',
    ...(after && TASK_CODE.test(after) ? { after } : {}),
  };
}

/** The page URL's query for these filters; defaults are left out, so the plain list is just `#/tasks`. */
export function searchFromFilters(filters: TaskListFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.status) search.set('status', filters.status);
  if (filters.unitId) search.set('unitId', filters.unitId);
  if (!filters.topLevelOnly) search.set('topLevelOnly', 'false');
  if (filters.after) search.set('after', filters.after);
  return search;
}

/** The same filters on another page: changing a filter starts again from the first page. */
export function withFilter(filters: TaskListFilters, change: Partial<Omit<TaskListFilters, 'after'>>): TaskListFilters {
  const { after: _after, ...rest } = { ...filters, ...change };
  return rest;
}

export function hasActiveFilters(filters: TaskListFilters): boolean {
  return filters.status !== undefined || filters.unitId !== undefined || !filters.topLevelOnly;
}

/**
 * `GET /api/v1/tasks` for these filters. A unit-scoped user (bureau staff) gets their own unit's tasks whatever they
 * ask; the console does not offer them the unit filter, so none is sent for them.
 */
export function taskListApiPath(filters: TaskListFilters, unitScoped: boolean, limit = TASK_PAGE_SIZE): string {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  if (filters.unitId && !unitScoped) query.set('unitId', filters.unitId);
  query.set('topLevelOnly', String(filters.topLevelOnly));
  query.set('limit', String(limit));
  if (filters.after) query.set('after', filters.after);
  return `/api/v1/tasks?${query.toString()}`;
}

export function taskApiPath(code: string): string {
  return `/api/v1/tasks/${encodeURIComponent(code)}`;
}

export function isTaskCode(value: string | undefined): value is string {
  return value !== undefined && TASK_CODE.test(value);
}

/** Roles that see key tasks across all units; `bureau` staff see only their own unit's. */
const ALL_UNIT_TASK_ROLES = ['office', 'secretariat', 'funding_officer'];

/** True when the user sees only their own unit's tasks (every role through which they see tasks is `bureau`). */
export function isUnitScoped(roles: readonly string[]): boolean {
  return roles.includes('bureau') && !roles.some((role) => ALL_UNIT_TASK_ROLES.includes(role));
}
