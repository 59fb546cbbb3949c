import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProfile, useSessionStore } from '../../auth/session-context';
import { allocationActionsFor, ownAllocation, trancheActionsFor } from '../../funding/allocation-actions';
import {
  actOnAllocation,
  actOnTranche,
  fetchAllocation,
  fetchProgrammes,
  type AllocationAction,
  type TrancheAction,
} from '../../funding/funding-api';
import type { AllocationView, TrancheView } from '../../funding/funding-types';
import { eligibilityRuleKey, historyActionKey } from '../../funding/funding-labels';
import { programmeName } from '../../funding/programme-name';
import { formatFen, formatMoney } from '../../funding/money';
import { formatDateTime, unitName } from '../../tasks/task-format';
import { ActionFeedback } from '../common/ActionFeedback';
import { Actor } from '../common/Actor';
import { DataTable } from '../common/DataTable';
import { Fact } from '../common/Fact';
import { Frame } from '../common/Frame';
import { Loaded } from '../common/Loaded';
import { useAction, type ActionHandle } from '../common/use-action';
import { NoValue } from '../tasks/NoValue';
import { ReasonDialog } from '../tasks/ReasonDialog';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { useUnits } from '../tasks/use-units';
import { AllocationStatusBadge, TrancheStatusBadge } from './AllocationStatus';
import { FundingTabs } from './FundingTabs';

const ACTION_KEY = {
  submit: 'submit',
  'review-request': 'reviewRequest',
  approve: 'approve',
  reject: 'reject',
} as const satisfies Record<AllocationAction, string>;

function AllocationFacts({ allocation }: { allocation: AllocationView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const units = useUnits();
  const { resource } = useResource('programmes', (signal) => fetchProgrammes(store, signal));
  const programme = programmeName(
    resource.status === 'loaded' ? resource.data : undefined,
    allocation.programmeId,
    language,
  );
  return (
    <section className="card" aria-labelledby="allocation-facts-heading">
      <h2 id="allocation-facts-heading" className="card__title">
        {t('funding.allocation.facts')}
      </h2>
      <dl className="facts">
        <Fact label={t('funding.columns.applicant')} testId="allocation-applicant">
          {allocation.applicant.name}
        </Fact>
        <Fact label={t('funding.allocation.creditCode')}>{allocation.applicant.creditCode}</Fact>
        <Fact label={t('funding.allocation.unit')}>{unitName(units, allocation.applicant.unit, language)}</Fact>
        <Fact label={t('funding.columns.programme')}>{programme}</Fact>
        <Fact label={t('funding.columns.year')}>{allocation.year}</Fact>
        <Fact label={t('funding.columns.amount')} testId="allocation-amount">
          <span title={formatFen(allocation.amount)}>{formatMoney(allocation.amount, language)}</span>
        </Fact>
        <Fact label={t('funding.columns.task')}>
          {allocation.taskCode ? <Link to={`/tasks/${allocation.taskCode}`}>{allocation.taskCode}</Link> : <NoValue />}
        </Fact>
        <Fact label={t('funding.allocation.purpose')}>{allocation.purpose}</Fact>
        <Fact label={t('funding.allocation.createdBy')}>
          <Actor by={allocation.createdBy} />
        </Fact>
        <Fact label={t('funding.allocation.submittedBy')}>
          {allocation.submittedBy ? <Actor by={allocation.submittedBy} /> : <NoValue />}
        </Fact>
        <Fact label={t('funding.allocation.approvedBy')}>
          {allocation.approvedBy ? <Actor by={allocation.approvedBy} /> : <NoValue />}
        </Fact>
      </dl>
      {allocation.rejection && (
        <p data-testid="allocation-rejection">
          {t('funding.allocation.rejection', { reason: allocation.rejection.reason })}
        </p>
      )}
      {allocation.override && <p>{t('funding.allocation.override', { reason: allocation.override.reason })}</p>}
    </section>
  );
}

function Tranches({ allocation, action }: { allocation: AllocationView; action: TrancheActing }) {
  const { t } = useTranslation();
  const { permissions } = useProfile();
  const actions = (tranche: TrancheView) => trancheActionsFor(allocation, tranche, permissions);
  const anyActions = allocation.tranches.some((tranche) => actions(tranche).length > 0);
  return (
    <section className="card" aria-labelledby="allocation-tranches-heading">
      <h2 id="allocation-tranches-heading" className="card__title">
        {t('funding.allocation.tranches')}
      </h2>
      <DataTable
        id="allocation-tranches"
        caption={t('funding.allocation.tranchesCaption')}
        testId="allocation-tranches"
        columns={[
          t('funding.allocation.tranche'),
          t('funding.allocation.trancheTitle'),
          t('funding.columns.amount'),
          t('funding.allocation.trigger'),
          t('funding.columns.status'),
          ...(anyActions ? [t('funding.allocation.actions')] : []),
        ]}
      >
        {allocation.tranches.map((tranche) => (
          <tr key={tranche.index} data-testid="allocation-tranche">
            <td>{tranche.index + 1}</td>
            <th scope="row">{tranche.title}</th>
            <td className="data-table__nowrap">{formatFen(tranche.amount)}</td>
            <td>
              {t(`funding.trigger.${tranche.trigger}`)}
              {tranche.milestone && <span className="data-table__note">{tranche.milestone}</span>}
            </td>
            <td>
              <TrancheStatusBadge status={tranche.status} testId="allocation-tranche-status" />
              {tranche.holdCause && (
                <span className="data-table__note">
                  {t('funding.allocation.holdCause', { cause: tranche.holdCause })}
                </span>
              )}
              {tranche.awaitingAcceptance && (
                <span className="data-table__note">{t('funding.allocation.awaitingAcceptance')}</span>
              )}
            </td>
            {anyActions && (
              <td>
                {actions(tranche).map((name) => (
                  <button
                    key={name}
                    type="button"
                    className="button"
                    data-testid={`tranche-${tranche.index}-${name}`}
                    aria-disabled={action.busy}
                    onClick={() => !action.busy && action.act(tranche.index, name)}
                  >
                    {t(`funding.trancheAction.${name}`)}
                  </button>
                ))}
              </td>
            )}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Assessment({ allocation }: { allocation: AllocationView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const ruleLabel = (rule: string) => {
    const key = eligibilityRuleKey(rule);
    return key ? t(key) : rule;
  };
  const { eligibility, review } = allocation;
  return (
    <section className="card" aria-labelledby="allocation-assessment-heading">
      <h2 id="allocation-assessment-heading" className="card__title">
        {t('funding.allocation.eligibility')}
      </h2>
      {eligibility ? (
        <>
          <p data-testid="allocation-eligibility">
            {eligibility.eligible ? t('funding.allocation.eligible') : t('funding.allocation.ineligible')} ·{' '}
            {formatDateTime(eligibility.at, language)}
          </p>
          <ul className="reason-list">
            {eligibility.reasons.map((reason) => (
              <li key={reason.rule} data-testid="eligibility-reason" data-passed={reason.passed}>
                <strong>{reason.passed ? t('funding.allocation.passed') : t('funding.allocation.failed')}</strong>
                {' · '}
                {ruleLabel(reason.rule)}
                {' — '}
                <span lang="en">{reason.reason}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="card__empty">{t('funding.allocation.noEligibility')}</p>
      )}
      <h3 className="card__subtitle">{t('funding.allocation.review')}</h3>
      {review ? (
        <div data-testid="allocation-review">
          <p>
            <strong>{t(`funding.allocation.${review.conclusion}`)}</strong> ·{' '}
            {t('funding.allocation.reviewBy', { by: review.by, at: formatDateTime(review.at, language) })}
          </p>
          <p>{review.summary}</p>
        </div>
      ) : (
        <p className="card__empty">{t('funding.allocation.noReview')}</p>
      )}
    </section>
  );
}

function History({ allocation }: { allocation: AllocationView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <section className="card" aria-labelledby="allocation-history-heading">
      <h2 id="allocation-history-heading" className="card__title">
        {t('funding.allocation.history')}
      </h2>
      <DataTable
        id="allocation-history"
        caption={t('funding.allocation.historyCaption')}
        testId="allocation-history"
        columns={[
          t('funding.allocation.at'),
          t('funding.allocation.what'),
          t('funding.allocation.by'),
          t('funding.allocation.note'),
        ]}
      >
        {[...allocation.history].reverse().map((entry, index) => (
          <tr key={`${entry.at}-${index}`}>
            <td className="data-table__nowrap">{formatDateTime(entry.at, language)}</td>
            <td>{historyActionKey(entry.action) ? t(historyActionKey(entry.action)!) : entry.action}</td>
            <td>
              <Actor by={entry.by} />
            </td>
            <td>{entry.note ?? <NoValue />}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function Actions({
  allocation,
  action,
  onChanged,
  onReload,
}: {
  allocation: AllocationView;
  action: ActionHandle;
  onChanged: (allocation: AllocationView) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const { user, permissions } = useProfile();
  const [rejecting, setRejecting] = useState(false);
  const actions = allocationActionsFor(allocation, permissions);
  if (!permissions.includes('funding.manage')) return null;

  const act = async (name: AllocationAction, reason?: string) => {
    const changed = await action.run(
      () => actOnAllocation(store, allocation.id, name, reason),
      () => t(`funding.done.${ACTION_KEY[name]}`),
    );
    if (changed) {
      setRejecting(false);
      onChanged(changed);
    }
  };
  return (
    <section className="card task-moves" aria-labelledby="allocation-actions-heading">
      <h2 id="allocation-actions-heading" className="card__title">
        {t('funding.allocation.actions')}
      </h2>
      {actions.length === 0 ? (
        <p className="card__empty">{t('funding.allocation.noActions')}</p>
      ) : (
        <div className="button-row" id="allocation-actions">
          {actions.map((name) => (
            <button
              key={name}
              type="button"
              className={name === 'approve' ? 'button button--primary' : 'button'}
              data-testid={`allocation-${name}`}
              aria-disabled={action.busy}
              onClick={() => {
                if (action.busy) return;
                if (name === 'reject') setRejecting(true);
                else void act(name);
              }}
            >
              {action.busy ? t('actions.sending') : t(`funding.action.${ACTION_KEY[name]}`)}
            </button>
          ))}
        </div>
      )}
      {actions.includes('approve') && ownAllocation(allocation, user.id) && (
        <p className="card__note" data-testid="allocation-four-eyes-hint">
          {t('funding.fourEyesHint')}
        </p>
      )}
      <ActionFeedback action={action} onReload={onReload} testId="allocation-action" />
      {rejecting && (
        <ReasonDialog
          title={t('funding.allocation.rejectTitle')}
          prompt={t('funding.allocation.rejectPrompt')}
          submitLabel={t('funding.action.reject')}
          busy={action.busy}
          serverErrors={action.error?.reasonErrors ?? []}
          onCancel={() => setRejecting(false)}
          onConfirm={(reason) => void act('reject', reason)}
          fallbackFocusId="allocation-actions-heading"
        />
      )}
    </section>
  );
}

interface TrancheActing {
  readonly busy: boolean;
  readonly act: (tranche: number, action: TrancheAction) => void;
}

/** The allocation's sections; the actions on it and on its tranches share one outcome line. */
function AllocationBody({
  allocation,
  onChanged,
  onReload,
}: {
  allocation: AllocationView;
  onChanged: (allocation: AllocationView) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const action = useAction();
  const act = (tranche: number, name: TrancheAction) =>
    void action
      .run(
        () => actOnTranche(store, allocation.id, tranche, name),
        () => t(`funding.trancheAction.${name}Done`, { n: tranche + 1 }),
      )
      .then((changed) => changed && onChanged(changed));
  return (
    <>
      <Actions allocation={allocation} action={action} onChanged={onChanged} onReload={onReload} />
      <AllocationFacts allocation={allocation} />
      <Tranches allocation={allocation} action={{ busy: action.busy, act }} />
      <Assessment allocation={allocation} />
      <History allocation={allocation} />
    </>
  );
}

/** `#/funding/allocations/:id`: one allocation, its tranches, checks, review and history, and what the officer may do. */
export function AllocationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const store = useSessionStore();
  const { permissions } = useProfile();
  const { resource, reload, replace } = useResource(id, (signal) => fetchAllocation(store, id, signal));
  const heading =
    resource.status === 'loaded' ? resource.data.applicant.name : t('funding.allocation.title', { id: '' }).trim();
  const back = permissions.includes('funding.manage')
    ? { to: '/funding/queue', label: t('funding.allocation.back') }
    : undefined;
  return (
    <Frame heading={heading} back={back} testId="allocation-page">
      <FundingTabs />
      <Loaded
        resource={resource}
        loading={t('funding.allocation.loading')}
        notFound={t('funding.allocation.notFound')}
        onRetry={reload}
        testId="allocation"
      >
        {(allocation) => (
          <div className="task-detail__body" data-testid="allocation-detail">
            <div className="task-detail__meta">
              <span className="task-code">{allocation.id}</span>
              <AllocationStatusBadge status={allocation.status} testId="allocation-status" />
            </div>
            <AllocationBody allocation={allocation} onChanged={replace} onReload={reload} />
          </div>
        )}
      </Loaded>
    </Frame>
  );
}
