import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { byStatus } from '../../board/board-groups';
import { formatDate, unitNames } from '../../tasks/task-format';
import { statusLabelKey } from '../../tasks/task-labels';
import type { TaskSummary } from '../../tasks/task-types';
import { ProgressMeter } from '../tasks/ProgressMeter';
import { TaskFlags } from '../tasks/TaskFlags';
import { useLanguage } from '../tasks/use-language';
import type { UnitIndex } from '../tasks/use-units';

/** One column per status, each a list of task cards with their due date, progress and alerts. */
export function StatusColumns({
  tasks,
  units,
  now,
}: {
  tasks: readonly TaskSummary[];
  units: UnitIndex | undefined;
  now: Date;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="board-columns" data-testid="board-columns">
      {[...byStatus(tasks)].map(([status, items]) => (
        <section
          key={status}
          className="board-column"
          aria-labelledby={`board-column-${status}`}
          data-testid={`board-column-${status}`}
        >
          <h2 id={`board-column-${status}`} className="board-column__title">
            {t(statusLabelKey(status))}
            <span className="board-column__count">{t('board.count', { count: items.length })}</span>
          </h2>
          {items.length === 0 ? (
            <p className="card__empty">{t('board.emptyColumn')}</p>
          ) : (
            <ul className="board-cards">
              {items.map((task) => (
                <li key={task.code} className="board-card" data-testid={`board-card-${task.code}`}>
                  <Link to={`/tasks/${task.code}`} className="board-card__link">
                    <span className="task-code">{task.code}</span> {task.title}
                  </Link>
                  <p className="board-card__meta">{unitNames(units, task.leadUnitIds, language)}</p>
                  {task.dueDate && (
                    <p className="board-card__meta">{t('board.due', { date: formatDate(task.dueDate, language) })}</p>
                  )}
                  <ProgressMeter progress={task.progress} />
                  <TaskFlags task={task} now={now} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
