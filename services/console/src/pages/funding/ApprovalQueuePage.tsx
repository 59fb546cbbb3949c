import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { fetchApprovalQueue } from '../../funding/funding-api';
import { formatMoney } from '../../funding/money';
import { DataTable } from '../common/DataTable';
import { Frame } from '../common/Frame';
import { Loaded } from '../common/Loaded';
import { NoValue } from '../tasks/NoValue';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { AllocationStatusBadge } from './AllocationStatus';
import { FundingTabs } from './FundingTabs';

/** `#/funding/queue`: the allocations under review that the signed-in officer may approve (four eyes). */
export function ApprovalQueuePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const { resource, reload } = useResource('queue', (signal) => fetchApprovalQueue(store, signal));
  return (
    <Frame heading={t('funding.queue.title')} testId="funding-queue-page">
      <FundingTabs />
      <p className="page-intro">{t('funding.queue.intro')}</p>
      <Loaded resource={resource} loading={t('common.loading')} onRetry={reload} testId="funding-queue">
        {(items) =>
          items.length === 0 ? (
            <p className="card__empty" data-testid="funding-queue-empty">
              {t('funding.queue.empty')}
            </p>
          ) : (
            <DataTable
              id="funding-queue"
              caption={t('funding.queue.caption')}
              testId="funding-queue"
              columns={[
                t('funding.columns.applicant'),
                t('funding.columns.programme'),
                t('funding.columns.year'),
                t('funding.columns.amount'),
                t('funding.columns.task'),
                t('funding.columns.review'),
                t('funding.columns.status'),
              ]}
            >
              {items.map((allocation) => (
                <tr key={allocation.id} data-testid="funding-queue-row" data-id={allocation.id}>
                  <th scope="row">
                    <Link to={`/funding/allocations/${allocation.id}`} data-testid="funding-queue-open">
                      {allocation.applicant.name}
                    </Link>
                  </th>
                  <td>{allocation.programmeId}</td>
                  <td>{allocation.year}</td>
                  <td className="data-table__nowrap">{formatMoney(allocation.amount, language)}</td>
                  <td>
                    {allocation.taskCode ? (
                      <Link to={`/tasks/${allocation.taskCode}`}>{allocation.taskCode}</Link>
                    ) : (
                      <NoValue />
                    )}
                  </td>
                  <td>{allocation.review ? t(`funding.allocation.${allocation.review.conclusion}`) : <NoValue />}</td>
                  <td>
                    <AllocationStatusBadge status={allocation.status} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loaded>
    </Frame>
  );
}
