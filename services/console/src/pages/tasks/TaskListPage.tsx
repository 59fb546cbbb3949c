import { startTransition, useOptimistic } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useProfile, useSessionStore } from '../../auth/session-context';
import { usePageTitle } from '../../shell/use-page-title';
import { fetchTaskPage } from '../../tasks/task-api';
import {
  filtersFromSearch,
  hasActiveFilters,
  isUnitScoped,
  searchFromFilters,
  taskListApiPath,
  type TaskListFilters,
} from '../../tasks/task-list-query';
import { PageHeading } from '../PageHeading';
import { ResourceFailed } from './LoadFailed';
import { TaskFilters } from './TaskFilters';
import { TaskPager } from './TaskPager';
import { TaskTable } from './TaskTable';
import { useResource } from './use-resource';
import { useUnits } from './use-units';

/** Kept in the history entry of each list page: the `after` of the pages before it, for "previous page". */
interface ListHistoryState {
  readonly trail?: readonly string[];
}

/** The key tasks the user may see, filtered and paged; filters and page live in the URL. */
export function TaskListPage() {
  const { t } = useTranslation();
  const store = useSessionStore();
  const { user } = useProfile();
  const units = useUnits();
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  usePageTitle(t('nav.tasks'));

  const unitScoped = isUnitScoped(user.roles);
  // The router navigates in a transition; until it lands, show the filters just chosen (a controlled checkbox or
  // select would otherwise spring back for a moment).
  const [filters, showFilters] = useOptimistic(filtersFromSearch(search, unitScoped));
  const apiPath = taskListApiPath(filters, unitScoped);
  const { resource, reload } = useResource(apiPath, (signal) => fetchTaskPage(store, apiPath, signal));
  const trail = (location.state as ListHistoryState | null)?.trail ?? [];

  const show = (next: TaskListFilters, nextTrail: readonly string[] = []) =>
    startTransition(() => {
      showFilters(next);
      void navigate(
        { search: searchFromFilters(next).toString() },
        { state: { trail: nextTrail } satisfies ListHistoryState },
      );
    });

  // While the next page (or another filter) loads, the rows shown so far stay, so the pager keeps the focus.
  const loading = resource.status === 'loading';
  const page = resource.status === 'loaded' ? resource.data : loading ? resource.stale : undefined;
  const next = page?.next;

  return (
    <>
      <PageHeading>{t('nav.tasks')}</PageHeading>
      <p className="page-intro">{t(unitScoped ? 'tasks.introUnit' : 'tasks.introAll')}</p>
      <TaskFilters filters={filters} unitScoped={unitScoped} units={units} onChange={(changed) => show(changed)} />

      <div className="list-status" role="status" data-testid="task-list-status">
        {loading && <p>{t('tasks.list.loading')}</p>}
        {!loading && page && page.items.length > 0 && <p>{t('tasks.list.count', { count: page.items.length })}</p>}
        {!loading && page && page.items.length === 0 && (
          <p className="empty-state" data-testid="task-list-empty">
            {hasActiveFilters(filters) ? t('tasks.list.emptyFiltered') : t('tasks.list.empty')}
          </p>
        )}
      </div>

      <ResourceFailed resource={resource} onRetry={reload} testId="task-list-error" />
      {page && page.items.length > 0 && (
        <TaskTable items={page.items} units={units} busy={loading} listSearch={location.search} />
      )}
      {page && (
        <TaskPager
          hasPrevious={filters.after !== undefined}
          knowsPrevious={trail.length > 0}
          hasNext={next !== undefined}
          busy={loading}
          onPrevious={() => {
            const before = trail.at(-1);
            show({ ...filters, after: before || undefined }, trail.slice(0, -1));
          }}
          onNext={() => next && show({ ...filters, after: next }, [...trail, filters.after ?? ''])}
        />
      )}
    </>
  );
}
