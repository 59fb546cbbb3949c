import { isRiskLevel, type RiskLevel } from '../tasks/task-types';

export const BOARD_VIEWS = ['status', 'units'] as const;
export type BoardView = (typeof BOARD_VIEWS)[number];

/** The board's view and filters, kept in the URL (`#/board?view=units&risk=high`). */
export interface BoardFilters {
  readonly view: BoardView;
  /** The policy section (二 → 2). */
  readonly section?: number;
  readonly riskLevel?: RiskLevel;
  readonly overdue: boolean;
  /** Words to find in the code, title or description. */
  readonly q?: string;
}

/** The board shows every task at once; the API gives at most this many per call. */
export const BOARD_LIMIT = 500;
const MAX_Q = 100;

export function boardFiltersFromSearch(search: URLSearchParams): BoardFilters {
  const section = Number(search.get('section'));
  const risk = search.get('risk');
  const q = search.get('q')?.trim().slice(0, MAX_Q);
  return {
    view: search.get('view') === 'units' ? 'units' : 'status',
    ...(Number.isInteger(section) && section >= 1 && section <= 99 ? { section } : {}),
    ...(isRiskLevel(risk) ? { riskLevel: risk } : {}),
    overdue: search.get('overdue') === 'true',
    ...(q ? { q } : {}),
  };
}

/** The page URL's query: defaults left out, so the plain board is just `#/board`. */
export function searchFromBoardFilters(filters: BoardFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.view !== 'status') search.set('view', filters.view);
  if (filters.section !== undefined) search.set('section', String(filters.section));
  if (filters.riskLevel) search.set('risk', filters.riskLevel);
  if (filters.overdue) search.set('overdue', 'true');
  if (filters.q) search.set('q', filters.q);
  return search;
}

/** `GET /api/v1/tasks` for the board: every task (sub-tasks too) matching the filters. */
export function boardApiPath(filters: BoardFilters): string {
  const query = new URLSearchParams({ limit: String(BOARD_LIMIT), topLevelOnly: 'false' });
  if (filters.section !== undefined) query.set('section', String(filters.section));
  if (filters.riskLevel) query.set('riskLevel', filters.riskLevel);
  if (filters.overdue) query.set('overdue', 'true');
  if (filters.q) query.set('q', filters.q);
  return `/api/v1/tasks?${query.toString()}`;
}

export function hasBoardFilters(filters: BoardFilters): boolean {
  return filters.section !== undefined || filters.riskLevel !== undefined || filters.overdue || !!filters.q;
}
