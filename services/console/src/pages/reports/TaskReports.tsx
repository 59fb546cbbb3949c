import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../../auth/session-context';
import { returnReport } from '../../reports/report-api';
import type { ReportView } from '../../reports/report-types';
import { describeMoveError, type MoveErrorView } from '../../tasks/task-errors';
import { formatDateTime, formatProgress, unitName } from '../../tasks/task-format';
import { MoveError } from '../tasks/MoveError';
import { NoValue } from '../tasks/NoValue';
import { ReasonDialog } from '../tasks/ReasonDialog';
import { useLanguage } from '../tasks/use-language';
import type { UnitIndex } from '../tasks/use-units';

const HEADING_ID = 'task-reports-heading';

export interface TaskReportsProps {
  readonly reports: readonly ReportView[];
  readonly units: UnitIndex | undefined;
  /** A report changed (returned): load the task's records again. */
  readonly onChanged: () => void;
}

/** The units' progress reports on the task, newest period first; the office may return one for rework. */
export function TaskReports({ reports, units, onChanged }: TaskReportsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const [returning, setReturning] = useState<ReportView | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MoveErrorView | undefined>();
  const [done, setDone] = useState('');
  const sorted = [...reports].sort((a, b) => b.period.localeCompare(a.period) || a.unitId.localeCompare(b.unitId));

  const send = async (report: ReportView, comment: string) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await returnReport(store, report, comment);
      setReturning(undefined);
      setDone(t('reports.list.returnedMessage', { period: report.period }));
      onChanged();
    } catch (caught) {
      setReturning(undefined);
      setError(describeMoveError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={HEADING_ID} data-testid="task-reports">
      <h2 id={HEADING_ID} tabIndex={-1} className="card__title">
        {t('reports.list.title')}
      </h2>
      {sorted.length === 0 ? (
        <p className="card__empty">{t('reports.list.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('reports.list.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.list.period')}</th>
                <th scope="col">{t('reports.list.unit')}</th>
                <th scope="col">{t('reports.list.progress')}</th>
                <th scope="col">{t('reports.list.narrative')}</th>
                <th scope="col">{t('reports.list.state')}</th>
                <th scope="col">{t('reports.list.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((report) => (
                <tr key={report.id} data-testid={`report-row-${report.period}-${report.unitId}`}>
                  <td className="data-table__nowrap">{report.period}</td>
                  <td>
                    {unitName(units, report.unitId, language)}
                    {!report.lead && <span className="data-table__note"> {t('reports.list.coUnit')}</span>}
                  </td>
                  <td>{formatProgress(report.progress)}</td>
                  <td>
                    <p className="prose">{report.narrative}</p>
                    {report.problems && (
                      <p className="data-table__note">{t('reports.list.problems', { text: report.problems })}</p>
                    )}
                    {report.coordinationRequests && (
                      <p className="data-table__note">
                        {t('reports.list.coordination', { text: report.coordinationRequests })}
                      </p>
                    )}
                  </td>
                  <td data-testid="report-status" data-status={report.status}>
                    {report.status === 'returned'
                      ? t('reports.list.returned', { comment: report.returnComment ?? '' })
                      : t('reports.list.submitted', {
                          at: formatDateTime(report.submittedAt, language),
                          revision: report.revision,
                        })}
                  </td>
                  <td>
                    {report.allowedActions.includes('return') ? (
                      <button
                        type="button"
                        className="button"
                        data-testid="report-return"
                        aria-disabled={busy}
                        onClick={() => !busy && setReturning(report)}
                      >
                        {t('reports.list.return')}
                      </button>
                    ) : (
                      <NoValue />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p role="status" data-testid="report-return-message">
        {done}
      </p>
      <div role="alert">{error && <MoveError error={error} onReload={onChanged} />}</div>
      {returning && (
        <ReasonDialog
          title={t('reports.returnDialog.title', { period: returning.period })}
          prompt={t('reports.returnDialog.prompt')}
          fieldLabel={t('reports.returnDialog.comment')}
          submitLabel={t('reports.list.return')}
          busy={busy}
          serverErrors={[]}
          fallbackFocusId={HEADING_ID}
          onCancel={() => setReturning(undefined)}
          onConfirm={(comment) => void send(returning, comment)}
        />
      )}
    </section>
  );
}
