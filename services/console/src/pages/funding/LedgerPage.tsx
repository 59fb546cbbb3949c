import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { fetchLedger, type LedgerFilter } from '../../funding/funding-api';
import { LEDGER_KINDS, type LedgerKind } from '../../funding/funding-types';
import { formatFen } from '../../funding/money';
import { formatDateTime } from '../../tasks/task-format';
import { Actor } from '../common/Actor';
import { DataTable } from '../common/DataTable';
import { Frame } from '../common/Frame';
import { Loaded } from '../common/Loaded';
import { NoValue } from '../tasks/NoValue';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { FundingTabs } from './FundingTabs';
import { LedgerExport } from './LedgerExport';

interface LedgerForm {
  readonly programmeId: string;
  readonly year: string;
  readonly allocationId: string;
  readonly kind: '' | LedgerKind;
}

const EMPTY: LedgerForm = { programmeId: '', year: '', allocationId: '', kind: '' };

function filterOf(form: LedgerForm): LedgerFilter {
  const year = Number(form.year);
  return {
    programmeId: form.programmeId.trim() || undefined,
    year: form.year.trim() && Number.isInteger(year) ? year : undefined,
    allocationId: form.allocationId.trim() || undefined,
    kind: form.kind || undefined,
  };
}

/** `#/funding/ledger`: every movement of money, filtered by programme, year, allocation and kind. */
export function LedgerPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const [form, setForm] = useState<LedgerForm>(EMPTY);
  const [filter, setFilter] = useState<LedgerFilter>({});
  const { resource, reload } = useResource(JSON.stringify(filter), (signal) => fetchLedger(store, filter, signal));
  const field = (key: keyof LedgerForm, label: string) => (
    <div className="filters__field">
      <label htmlFor={`ledger-${key}`} className="field__label">
        {label}
      </label>
      <input
        id={`ledger-${key}`}
        className="field__input"
        value={form[key]}
        data-testid={`ledger-${key}`}
        onChange={(event) => setForm({ ...form, [key]: event.target.value })}
      />
    </div>
  );
  return (
    <Frame heading={t('funding.ledger.title')} testId="funding-ledger-page">
      <FundingTabs />
      <p className="page-intro">{t('funding.ledger.intro')}</p>
      <form
        className="filters"
        aria-label={t('funding.ledger.filters')}
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(filterOf(form));
        }}
      >
        {field('programmeId', t('funding.ledger.programme'))}
        {field('year', t('funding.budgets.year'))}
        {field('allocationId', t('funding.ledger.allocation'))}
        <div className="filters__field">
          <label htmlFor="ledger-kind" className="field__label">
            {t('funding.ledger.kind')}
          </label>
          <select
            id="ledger-kind"
            className="field__select"
            value={form.kind}
            data-testid="ledger-kind"
            onChange={(event) => setForm({ ...form, kind: event.target.value as LedgerForm['kind'] })}
          >
            <option value="">{t('funding.ledger.any')}</option>
            {LEDGER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`funding.ledgerKind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row button-row--tight">
          <button type="submit" className="button" data-testid="ledger-apply">
            {t('funding.ledger.apply')}
          </button>
        </div>
      </form>
      <LedgerExport filter={filter} />
      <Loaded resource={resource} loading={t('funding.ledger.loading')} onRetry={reload} testId="funding-ledger">
        {({ items }) =>
          items.length === 0 ? (
            <p className="card__empty">{t('funding.ledger.empty')}</p>
          ) : (
            <DataTable
              id="ledger"
              showCaption
              caption={`${t('funding.ledger.caption')} · ${t('funding.ledger.count', { count: items.length })}`}
              testId="ledger-table"
              columns={[
                t('funding.ledger.at'),
                t('funding.ledger.kind'),
                t('funding.ledger.programme'),
                t('funding.budgets.year'),
                t('funding.ledger.allocation'),
                t('funding.ledger.amount'),
                t('funding.ledger.actor'),
                t('funding.ledger.reason'),
              ]}
            >
              {items.map((entry) => (
                <tr key={entry.id} data-testid="ledger-entry" data-kind={entry.kind}>
                  <td className="data-table__nowrap">{formatDateTime(entry.at, language)}</td>
                  <td>{t(`funding.ledgerKind.${entry.kind}`)}</td>
                  <td>{entry.programmeId}</td>
                  <td>{entry.year}</td>
                  <td>
                    {entry.allocationId ? (
                      <Link to={`/funding/allocations/${entry.allocationId}`}>{entry.allocationId}</Link>
                    ) : (
                      <NoValue />
                    )}
                    {entry.tranche !== undefined && (
                      <span className="data-table__note">{t('funding.ledger.tranche', { n: entry.tranche + 1 })}</span>
                    )}
                  </td>
                  <td className="data-table__nowrap">{formatFen(entry.amount)}</td>
                  <td>
                    <Actor by={entry.actor} />
                  </td>
                  <td>{entry.reason ?? <NoValue />}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loaded>
    </Frame>
  );
}
