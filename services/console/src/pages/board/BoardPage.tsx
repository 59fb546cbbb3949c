import { startTransition, useOptimistic, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { latestYear } from '../../board/board-groups';
import {
  BOARD_LIMIT,
  BOARD_VIEWS,
  boardApiPath,
  boardFiltersFromSearch,
  hasBoardFilters,
  searchFromBoardFilters,
  type BoardFilters,
} from '../../board/board-query';
import { usePageTitle } from '../../shell/use-page-title';
import { chinaToday } from '../../tasks/due-state';
import { fetchTaskPage } from '../../tasks/task-api';
import { PageHeading } from '../PageHeading';
import { ResourceFailed } from '../tasks/LoadFailed';
import { useResource } from '../tasks/use-resource';
import { useUnits } from '../tasks/use-units';
import { ExportPanel } from './ExportPanel';
import { MissingReportsPanel } from './MissingReportsPanel';
import { StatusColumns } from './StatusColumns';
import { BoardFiltersForm } from './BoardFiltersForm';
import { UnitCounts } from './UnitCounts';

/**
 * `#/board`: the office's overview of every task, by status or by lead unit, with due dates read in China time,
 * the reports missing for the last period, and the exports. Filters and view live in the URL.
 */
export function BoardPage() {
  const { t } = useTranslation();
  const store = useSessionStore();
  const units = useUnits();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [now] = useState(() => new Date());
  usePageTitle(t('nav.board'));

  const [filters, showFilters] = useOptimistic(boardFiltersFromSearch(search));
  const apiPath = boardApiPath(filters);
  const { resource, reload } = useResource(apiPath, (signal) => fetchTaskPage(store, apiPath, signal));
  const loading = resource.status === 'loading';
  const page = resource.status === 'loaded' ? resource.data : loading ? resource.stale : undefined;
  const tasks = page?.items ?? [];

  const show = (next: BoardFilters) =>
    startTransition(() => {
      showFilters(next);
      void navigate({ search: searchFromBoardFilters(next).toString() });
    });

  return (
    <>
      <PageHeading>{t('nav.board')}</PageHeading>
      <p className="page-intro">{t('board.intro')}</p>
      <p>
        <Link to="/import" data-testid="board-import-link">
          {t('board.importLink')}
        </Link>
      </p>
      <BoardFiltersForm filters={filters} onChange={show} />
      <div className="button-row button-row--tight" role="group" aria-label={t('board.views.label')}>
        {BOARD_VIEWS.map((view) => (
          <button
            key={view}
            type="button"
            className={filters.view === view ? 'button button--primary' : 'button'}
            aria-pressed={filters.view === view}
            data-testid={`board-view-${view}`}
            onClick={() => show({ ...filters, view })}
          >
            {t(`board.views.${view}`)}
          </button>
        ))}
      </div>
      <div className="list-status" role="status" data-testid="board-status">
        {loading && <p>{t('board.loading')}</p>}
        {!loading && page && (
          <p>
            {tasks.length === 0
              ? t(hasBoardFilters(filters) ? 'board.emptyFiltered' : 'board.empty')
              : t('board.total', { count: tasks.length, today: chinaToday(now) })}
            {page.next && ` ${t('board.truncated', { limit: BOARD_LIMIT })}`}
          </p>
        )}
      </div>
      <ResourceFailed resource={resource} onRetry={reload} testId="board-error" />
      {page &&
        tasks.length > 0 &&
        (filters.view === 'units' ? (
          <UnitCounts tasks={tasks} units={units} />
        ) : (
          <StatusColumns tasks={tasks} units={units} now={now} />
        ))}
      <MissingReportsPanel units={units} />
      <ExportPanel
        key={page ? 'loaded' : 'loading'}
        defaultYear={latestYear(tasks, Number(chinaToday(now).slice(0, 4)))}
      />
    </>
  );
}
