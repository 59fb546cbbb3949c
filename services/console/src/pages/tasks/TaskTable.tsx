import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, unitNames } from '../../tasks/task-format';
import type { TaskSummary } from '../../tasks/task-types';
import { NoValue } from './NoValue';
import { ProgressMeter } from './ProgressMeter';
import { StatusBadge } from './StatusBadge';
import { TaskFlags } from './TaskFlags';
import { useLanguage } from './use-language';
import type { UnitIndex } from './use-units';

const CAPTION_ID = 'task-table-caption';

/** Kept in the history entry of a task page, so "back to the list" returns to the same filters and page. */
export interface TaskLinkState {
  readonly listSearch?: string;
}

interface TaskRowProps {
  readonly task: TaskSummary;
  readonly units: UnitIndex | undefined;
  readonly listSearch: string;
}

function TaskRow({ task, units, listSearch }: TaskRowProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <tr data-testid={`task-row-${task.code}`}>
      <td className="task-table__code">{task.code}</td>
      <th scope="row" className="task-table__title">
        <Link to={`/tasks/${task.code}`} state={{ listSearch } satisfies TaskLinkState} data-testid="task-link">
          {task.title}
        </Link>
        {task.parentCode && (
          <span className="task-table__parent">{t('tasks.table.subtaskOf', { code: task.parentCode })}</span>
        )}
      </th>
      <td className="task-table__units">{unitNames(units, task.leadUnitIds, language)}</td>
      <td>
        <StatusBadge status={task.status} testId="task-status" />
      </td>
      <td className="task-table__date">{task.dueDate ? formatDate(task.dueDate, language) : <NoValue />}</td>
      <td>
        <ProgressMeter progress={task.progress} />
      </td>
      <td>
        <TaskFlags task={task} />
      </td>
    </tr>
  );
}

export interface TaskTableProps {
  readonly items: readonly TaskSummary[];
  readonly units: UnitIndex | undefined;
  /** The rows are from the previous query while the next one loads. */
  readonly busy: boolean;
  /** The list page's query (`?status=…`), for the way back from a task. */
  readonly listSearch: string;
}

/** One page of tasks. The wrapper scrolls sideways on narrow screens and can be scrolled with the keyboard. */
export function TaskTable({ items, units, busy, listSearch }: TaskTableProps) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-labelledby={CAPTION_ID} tabIndex={0}>
      <table className="data-table task-table" aria-busy={busy} data-testid="task-table">
        <caption id={CAPTION_ID} className="visually-hidden">
          {t('tasks.table.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('tasks.table.code')}</th>
            <th scope="col">{t('tasks.table.title')}</th>
            <th scope="col">{t('tasks.table.leadUnits')}</th>
            <th scope="col">{t('tasks.table.status')}</th>
            <th scope="col">{t('tasks.table.dueDate')}</th>
            <th scope="col">{t('tasks.table.progress')}</th>
            <th scope="col">{t('tasks.table.flags')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((task) => (
            <TaskRow key={task.code} task={task} units={units} listSearch={listSearch} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
