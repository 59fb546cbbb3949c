import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { fetchAllocationsOfTask, fetchFundingChecks } from '../../funding/funding-api';
import type { FundingCheckView, TrancheStatus } from '../../funding/funding-types';
import { checkDecisionKey } from '../../funding/funding-labels';
import { formatMoney } from '../../funding/money';
import { formatDateTime } from '../../tasks/task-format';
import { statusLabelKey } from '../../tasks/task-labels';
import { isTaskStatus } from '../../tasks/task-types';
import { Loaded } from '../common/Loaded';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { AllocationStatusBadge, TrancheStatusBadge } from './AllocationStatus';

function CheckEntry({ check }: { check: FundingCheckView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = (value: string) => (isTaskStatus(value) ? t(statusLabelKey(value)) : value);
  const tranche = (value: TrancheStatus) => t(`funding.trancheStatus.${value}`);
  const label = (decision: string) => {
    const key = checkDecisionKey(decision);
    return key ? t(key) : decision;
  };
  return (
    <li className="timeline__entry" data-testid="funding-check" data-to={check.to}>
      <p className="timeline__head">
        <time dateTime={check.at}>{formatDateTime(check.at, language)}</time>
        {' · '}
        <span className="timeline__what">
          {check.from
            ? t('funding.task.checkMove', { from: status(check.from), to: status(check.to) })
            : t('funding.task.checkMoveNew', { to: status(check.to) })}
        </span>
        {' · '}
        {check.stale ? t('funding.task.stale') : t('funding.task.examined', { count: check.allocations.length })}
      </p>
      <ul className="reason-list">
        {check.allocations.map((allocation) => (
          <li key={allocation.allocationId}>
            <Link to={`/funding/allocations/${allocation.allocationId}`}>{allocation.allocationId}</Link>{' '}
            <AllocationStatusBadge status={allocation.status} />
            {allocation.tranches.length === 0 ? (
              <p className="timeline__text">{t('funding.task.noTranches')}</p>
            ) : (
              <ul>
                {allocation.tranches.map((decision) => (
                  <li key={decision.tranche} data-testid="funding-check-decision">
                    {t('funding.task.decision', {
                      n: decision.tranche + 1,
                      from: tranche(decision.from),
                      to: tranche(decision.to),
                      decision: label(decision.decision),
                    })}{' '}
                    {t('funding.task.why', { why: decision.why })}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The task's funding: the allocations linked to it and every funding check its status changes caused. */
export function TaskFundingSection({ taskCode, version }: { taskCode: string; version: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const { resource, reload } = useResource(`${taskCode}@${version}`, async (signal) => {
    const [allocations, checks] = await Promise.all([
      fetchAllocationsOfTask(store, taskCode, signal),
      fetchFundingChecks(store, taskCode, signal),
    ]);
    return { allocations, checks };
  });
  return (
    <section className="card" aria-labelledby="task-funding-heading" data-testid="task-funding">
      <h2 id="task-funding-heading" className="card__title">
        {t('funding.task.heading')}
      </h2>
      <Loaded resource={resource} loading={t('funding.task.loading')} onRetry={reload} testId="task-funding">
        {({ allocations, checks }) => (
          <>
            <h3 className="card__subtitle">{t('funding.task.allocations')}</h3>
            {allocations.length === 0 ? (
              <p className="card__empty">{t('funding.task.noAllocations')}</p>
            ) : (
              <ul className="reason-list" data-testid="task-allocations">
                {allocations.map((allocation) => (
                  <li key={allocation.id} data-testid="task-allocation">
                    <Link to={`/funding/allocations/${allocation.id}`}>{allocation.applicant.name}</Link>{' '}
                    {formatMoney(allocation.amount, language)} <AllocationStatusBadge status={allocation.status} />{' '}
                    {allocation.tranches.map((tranche) => (
                      <span key={tranche.index} className="tranche-chip">
                        {t('funding.ledger.tranche', { n: tranche.index + 1 })}{' '}
                        <TrancheStatusBadge status={tranche.status} />
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            )}
            <h3 className="card__subtitle">{t('funding.task.checks')}</h3>
            {checks.length === 0 ? (
              <p className="card__empty">{t('funding.task.noChecks')}</p>
            ) : (
              <ol className="timeline" data-testid="funding-checks">
                {checks.map((check) => (
                  <CheckEntry key={check.id} check={check} />
                ))}
              </ol>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}
