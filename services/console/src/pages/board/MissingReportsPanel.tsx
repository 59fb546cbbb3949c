import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { fetchMissingReports } from '../../reports/report-api';
import { formatDate, unitName } from '../../tasks/task-format';
import { statusLabelKey } from '../../tasks/task-labels';
import { isTaskStatus } from '../../tasks/task-types';
import { ResourceFailed } from '../tasks/LoadFailed';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import type { UnitIndex } from '../tasks/use-units';

/** The lead units whose report for the last period due has not come in. */
export function MissingReportsPanel({ units }: { units: UnitIndex | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const { resource, reload } = useResource('missing', (signal) => fetchMissingReports(store, signal));
  const data = resource.status === 'loaded' ? resource.data : undefined;
  return (
    <section className="card" aria-labelledby="board-missing-heading" data-testid="board-missing">
      <h2 id="board-missing-heading" className="card__title">
        {t('board.missing.title')}
      </h2>
      {resource.status === 'loading' && <p role="status">{t('board.missing.loading')}</p>}
      <ResourceFailed resource={resource} onRetry={reload} testId="board-missing-error" />
      {data && (
        <>
          <p className="card__lead">
            {t('board.missing.lead', { period: data.period, date: formatDate(data.dueBy, language) })}
          </p>
          {data.items.length === 0 ? (
            <p className="card__empty" data-testid="board-missing-none">
              {t('board.missing.none')}
            </p>
          ) : (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t('board.missing.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('board.missing.task')}</th>
                    <th scope="col">{t('board.missing.unit')}</th>
                    <th scope="col">{t('board.missing.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={`${item.taskCode}-${item.unitId}`} data-testid="board-missing-row">
                      <td>
                        <Link to={`/tasks/${item.taskCode}`}>
                          <span className="task-code">{item.taskCode}</span> {item.taskTitle}
                        </Link>
                      </td>
                      <td>{unitName(units, item.unitId, language)}</td>
                      <td>{isTaskStatus(item.taskStatus) ? t(statusLabelKey(item.taskStatus)) : item.taskStatus}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
