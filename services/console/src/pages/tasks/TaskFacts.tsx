import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { formatDate, policySectionMessage, unitName } from '../../tasks/task-format';
import { riskLevelKey } from '../../tasks/task-labels';
import type { TaskDetail } from '../../tasks/task-types';
import { Fact } from '../common/Fact';
import { NoValue } from './NoValue';
import { ProgressMeter } from './ProgressMeter';
import { useLanguage } from './use-language';
import type { UnitIndex } from './use-units';

function UnitList({ ids, units }: { ids: readonly string[]; units: UnitIndex | undefined }) {
  const language = useLanguage();
  return (
    <ul className="unit-list">
      {ids.map((id) => (
        <li key={id}>{unitName(units, id, language)}</li>
      ))}
    </ul>
  );
}

/** Where the task comes from, who carries it, when it is due and how far it is. */
export function TaskFacts({ task, units }: { task: TaskDetail; units: UnitIndex | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { state } = useLocation(); // carried on to related tasks, so "back to the list" still finds its filters
  const policy = task.policySection && policySectionMessage(task.policySection, language);
  const risk = riskLevelKey(task.riskLevel);
  const notSet = t('tasks.detail.notSet');
  return (
    <section className="card" aria-labelledby="task-facts-heading">
      <h2 id="task-facts-heading" className="card__title">
        {t('tasks.detail.facts')}
      </h2>
      <dl className="facts">
        <Fact label={t('tasks.detail.policySection')} testId="task-policy-section" wide>
          {policy ? t(policy.key, policy.values) : notSet}
        </Fact>
        <Fact label={t('tasks.detail.leadUnits')} testId="task-lead-units" wide>
          <UnitList ids={task.leadUnitIds} units={units} />
        </Fact>
        <Fact label={t('tasks.detail.coUnits')} testId="task-co-units" wide>
          {task.coUnitIds.length > 0 ? <UnitList ids={task.coUnitIds} units={units} /> : <NoValue />}
        </Fact>
        <Fact label={t('tasks.detail.startDate')} testId="task-start-date">
          {task.startDate ? formatDate(task.startDate, language) : notSet}
        </Fact>
        <Fact label={t('tasks.detail.dueDate')} testId="task-due-date">
          {task.dueDate ? formatDate(task.dueDate, language) : notSet}
        </Fact>
        <Fact label={t('tasks.detail.progress')} testId="task-progress">
          <ProgressMeter progress={task.progress} />
        </Fact>
        <Fact label={t('reports.detail.weight')} testId="task-weight">
          {task.weight}
        </Fact>
        <Fact label={t('tasks.detail.riskLevel')} testId="task-risk-level">
          {risk ? t(risk) : task.riskLevel}
        </Fact>
        {task.parentCode && (
          <Fact label={t('tasks.detail.parent')} testId="task-parent">
            <Link to={`/tasks/${task.parentCode}`} state={state}>
              {task.parentCode}
            </Link>
          </Fact>
        )}
        {task.children.length > 0 && (
          <Fact label={t('tasks.detail.children')} testId="task-children" wide>
            <ul className="inline-list">
              {task.children.map((code) => (
                <li key={code}>
                  <Link to={`/tasks/${code}`} state={state}>
                    {code}
                  </Link>
                </li>
              ))}
            </ul>
          </Fact>
        )}
      </dl>
    </section>
  );
}
