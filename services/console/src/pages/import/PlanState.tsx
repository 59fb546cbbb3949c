import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../../auth/session-context';
import { fetchPlan, planCounts, publishPlan } from '../../plans/plan-api';
import { formatDateTime } from '../../tasks/task-format';
import { statusLabelKey } from '../../tasks/task-labels';
import { describeMoveError, type MoveErrorView } from '../../tasks/task-errors';
import { isTaskStatus, TASK_STATUSES } from '../../tasks/task-types';
import { MoveError } from '../tasks/MoveError';
import { ResourceFailed } from '../tasks/LoadFailed';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';

/** A year's work plan: its state and task counts, and publishing it (after a confirmation) while it is a draft. */
export function PlanState({ year }: { year: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const { resource, reload, replace } = useResource(String(year), (signal) => fetchPlan(store, year, signal));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MoveErrorView | undefined>();
  const [done, setDone] = useState('');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const publishRef = useRef<HTMLButtonElement>(null);

  const publish = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const plan = await publishPlan(store, year);
      replace(plan);
      setDone(t('import.plan.published', { year }));
    } catch (caught) {
      setError(describeMoveError(caught));
    } finally {
      setBusy(false);
      setConfirming(false);
      // The buttons just used are gone: keep the keyboard user in this section.
      setTimeout(() => document.getElementById('plan-state-heading')?.focus(), 0);
    }
  };

  const plan = resource.status === 'loaded' ? resource.data : undefined;
  return (
    <section className="card" aria-labelledby="plan-state-heading" data-testid="plan-state">
      <h2 id="plan-state-heading" className="card__title" tabIndex={-1}>
        {t('import.plan.title', { year })}
      </h2>
      {resource.status === 'loading' && <p role="status">{t('import.plan.loading')}</p>}
      {resource.status === 'failed' && resource.failure.kind === 'notFound' && (
        <p className="card__empty" data-testid="plan-none">
          {t('import.plan.none', { year })}
        </p>
      )}
      <ResourceFailed resource={resource} onRetry={reload} testId="plan-error" />
      {plan && (
        <>
          <p>
            <strong>{plan.title}</strong>
          </p>
          <p data-testid="plan-state-value" data-state={plan.state}>
            {t(`import.plan.state.${plan.state}`)}
          </p>
          <ul className="inline-list" data-testid="plan-counts">
            {planCounts(plan.tasksByStatus, TASK_STATUSES).map(([status, count]) => (
              <li key={status}>
                {t('import.plan.count', {
                  status: isTaskStatus(status) ? t(statusLabelKey(status)) : status,
                  count,
                })}
              </li>
            ))}
          </ul>
          {plan.publishedVersions.length > 0 && (
            <ul>
              {plan.publishedVersions.map((v) => (
                <li key={v.version}>
                  {t('import.plan.version', { version: v.version, at: formatDateTime(v.at, language) })}
                </li>
              ))}
            </ul>
          )}
          {plan.state === 'draft' && !confirming && (
            <div className="button-row button-row--tight">
              <button
                ref={publishRef}
                type="button"
                className="button button--primary"
                data-testid="plan-publish"
                onClick={() => {
                  setConfirming(true);
                  setTimeout(() => confirmRef.current?.focus(), 0);
                }}
              >
                {t('import.plan.publish')}
              </button>
            </div>
          )}
          {confirming && (
            <div
              className="banner banner--warning"
              role="group"
              aria-labelledby="plan-confirm-text"
              data-testid="plan-confirm"
            >
              <p id="plan-confirm-text" className="banner__title">
                {t('import.plan.confirm', { year, count: plan.tasksByStatus.draft ?? 0 })}
              </p>
              <div className="button-row button-row--tight">
                <button
                  ref={confirmRef}
                  type="button"
                  className="button button--primary"
                  aria-disabled={busy}
                  data-testid="plan-confirm-publish"
                  onClick={() => void publish()}
                >
                  {busy ? t('import.plan.publishing') : t('import.plan.confirmPublish')}
                </button>
                <button
                  type="button"
                  className="button"
                  data-testid="plan-confirm-cancel"
                  onClick={() => {
                    setConfirming(false);
                    setTimeout(() => publishRef.current?.focus(), 0);
                  }}
                >
                  {t('import.plan.cancel')}
                </button>
              </div>
            </div>
          )}
        </>
      )}
      <p role="status" className="task-moves__done" data-testid="plan-message">
        {done}
      </p>
      <div role="alert">{error && <MoveError error={error} onReload={reload} />}</div>
    </section>
  );
}
