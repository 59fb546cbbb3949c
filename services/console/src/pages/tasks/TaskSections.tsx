import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useProfile } from '../../auth/session-context';
import { actorMessage, formatDate, formatDateTime, targetValueText } from '../../tasks/task-format';
import { isTaskStatus, type TaskDetail } from '../../tasks/task-types';
import { NoValue } from './NoValue';
import { StatusBadge } from './StatusBadge';
import { useLanguage } from './use-language';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id} data-testid={id}>
      <h2 id={id} className="card__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function TaskDescription({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  return (
    <Section id="task-description" title={t('tasks.detail.description')}>
      <p className="prose">{task.description.trim() || t('tasks.detail.noDescription')}</p>
    </Section>
  );
}

export function TaskMilestones({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Section id="task-milestones" title={t('tasks.detail.milestones')}>
      {task.milestones.length === 0 ? (
        <p className="card__empty">{t('tasks.detail.noMilestones')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('tasks.detail.milestoneTitle')}</th>
                <th scope="col">{t('tasks.detail.milestoneDue')}</th>
                <th scope="col">{t('tasks.detail.milestoneState')}</th>
              </tr>
            </thead>
            <tbody>
              {task.milestones.map((milestone, index) => (
                <tr key={`${index}-${milestone.title}`}>
                  <th scope="row">
                    {milestone.title}
                    {milestone.evidence && (
                      <span className="data-table__note">
                        {t('tasks.detail.evidence', { evidence: milestone.evidence })}
                      </span>
                    )}
                  </th>
                  <td>{formatDate(milestone.dueDate, language)}</td>
                  <td>{t(milestone.done ? 'tasks.detail.milestoneDone' : 'tasks.detail.milestoneOpen')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

export function TaskTargets({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  return (
    <Section id="task-targets" title={t('tasks.detail.targets')}>
      {task.targets.length === 0 ? (
        <p className="card__empty">{t('tasks.detail.noTargets')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('tasks.detail.targetLabel')}</th>
                <th scope="col">{t('tasks.detail.targetValue')}</th>
                <th scope="col">{t('tasks.detail.targetYear')}</th>
              </tr>
            </thead>
            <tbody>
              {task.targets.map((target) => (
                <tr key={`${target.metric}-${target.year}`}>
                  <th scope="row">{target.label}</th>
                  <td>{targetValueText(target)}</td>
                  <td>{target.year}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function HistoryStatus({ status }: { status: string }) {
  return isTaskStatus(status) ? <StatusBadge status={status} /> : <span>{status}</span>;
}

/** Every move so far, oldest first: when, who, from which status to which, and why. */
export function TaskHistory({ task }: { task: TaskDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user } = useProfile();
  return (
    <Section id="task-history" title={t('tasks.detail.history')}>
      {task.history.length === 0 ? (
        <p className="card__empty">{t('tasks.detail.noHistory')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table history-table">
            <thead>
              <tr>
                <th scope="col">{t('tasks.detail.historyAt')}</th>
                <th scope="col">{t('tasks.detail.historyBy')}</th>
                <th scope="col">{t('tasks.detail.historyChange')}</th>
                <th scope="col">{t('tasks.detail.historyReason')}</th>
              </tr>
            </thead>
            <tbody>
              {task.history.map((entry, index) => {
                const who = actorMessage(entry.by, user.id);
                return (
                  <tr key={`${index}-${entry.at}`} data-testid="task-history-entry">
                    <td className="data-table__nowrap">
                      <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
                    </td>
                    <td title={who.full}>{t(who.key, who.values)}</td>
                    <td>
                      <span className="status-change">
                        <HistoryStatus status={entry.from} />
                        <span aria-hidden="true">→</span>
                        <span className="visually-hidden">{t('tasks.detail.historyChangedTo')}</span>
                        <HistoryStatus status={entry.to} />
                      </span>
                    </td>
                    <td>{entry.reason ?? <NoValue />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
