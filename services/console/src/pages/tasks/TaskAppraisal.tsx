import { useTranslation } from 'react-i18next';
import type { TaskDetail } from '../../tasks/task-types';
import { formatDateTime } from '../../tasks/task-format';
import { useLanguage } from './use-language';

/** The expert committee's acceptance appraisal (评估论证) of the task, once the chair concluded it. */
export function TaskAppraisal({ appraisal }: { appraisal: NonNullable<TaskDetail['appraisal']> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="card" aria-labelledby="task-appraisal-heading" data-testid="task-appraisal">
      <h2 id="task-appraisal-heading" className="card__title">
        {t('tasks.appraisal.heading')}
      </h2>
      <dl className="facts">
        <dt>{t('tasks.appraisal.conclusion')}</dt>
        <dd data-testid="task-appraisal-conclusion">
          {t(`tasks.appraisal.conclusions.${appraisal.conclusion}`, { defaultValue: appraisal.conclusion })}
        </dd>
        <dt>{t('tasks.appraisal.score')}</dt>
        <dd>{t('tasks.appraisal.scoreValue', { score: appraisal.weightedScore, panel: appraisal.panelSize })}</dd>
        <dt>{t('tasks.appraisal.summary')}</dt>
        <dd>{appraisal.summary}</dd>
        {appraisal.conditions && (
          <>
            <dt>{t('tasks.appraisal.conditions')}</dt>
            <dd>{appraisal.conditions}</dd>
          </>
        )}
        <dt>{t('tasks.appraisal.at')}</dt>
        <dd>{formatDateTime(appraisal.at, language)}</dd>
      </dl>
    </section>
  );
}
