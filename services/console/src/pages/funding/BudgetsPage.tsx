import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../../auth/session-context';
import { budgetBar, budgetsByYear, chartScale, BAR_PARTS } from '../../funding/budget-chart';
import { fetchBudgets, fetchProgrammes } from '../../funding/funding-api';
import type { BudgetView } from '../../funding/funding-types';
import { programmeName } from '../../funding/programme-name';
import { formatFen, formatMoney } from '../../funding/money';
import { Frame } from '../common/Frame';
import { Loaded } from '../common/Loaded';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { FundingTabs } from './FundingTabs';

/** One programme-year: a stacked bar (disbursed, committed, available) drawn to the chart's scale, and its figures. */
function BudgetRow({ row, name, scale }: { row: BudgetView; name: string; scale: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const bar = budgetBar(row, scale);
  const money = (fen: number) => formatMoney(fen, language);
  return (
    <li className="budget-row" data-testid="budget-row" data-programme={row.programmeId} data-year={row.year}>
      <p className="budget-row__name">{name}</p>
      <div
        className={bar.overcommitted ? 'budget-bar budget-bar--over' : 'budget-bar'}
        role="img"
        aria-label={t('funding.budgets.barLabel', {
          programme: name,
          budget: money(row.budget),
          disbursed: money(row.disbursed),
          committed: money(row.committed),
          available: money(row.available),
        })}
      >
        {bar.segments.map((segment) => (
          <span
            key={segment.part}
            className={`budget-bar__part budget-bar__part--${segment.part}`}
            style={{ width: `${segment.percent}%` }}
          />
        ))}
      </div>
      <dl className="budget-figures">
        <div>
          <dt>{t('funding.budgets.budget')}</dt>
          <dd data-testid="budget-total" title={formatFen(row.budget)}>
            {money(row.budget)}
          </dd>
        </div>
        {BAR_PARTS.map((part) => (
          <div key={part} className={`budget-figures__item budget-figures__item--${part}`}>
            <dt>
              <span className={`budget-key budget-key--${part}`} aria-hidden="true" />
              {t(`funding.budgets.${part}`)}
            </dt>
            <dd data-testid={`budget-${part}`} data-fen={row[part]} title={formatFen(row[part])}>
              {money(row[part])}
            </dd>
          </div>
        ))}
      </dl>
      {bar.overcommitted && <p className="card__note">{t('funding.budgets.over')}</p>}
    </li>
  );
}

/** `#/funding/budgets`: committed, disbursed and available per programme and year, as bars with their figures. */
export function BudgetsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const [year, setYear] = useState('');
  const [shown, setShown] = useState<number | undefined>();
  const { resource, reload } = useResource(String(shown ?? 'all'), async (signal) => {
    const [programmes, budgets] = await Promise.all([
      fetchProgrammes(store, signal),
      fetchBudgets(store, shown, signal),
    ]);
    return { programmes, budgets };
  });
  const yearNumber = Number(year);
  return (
    <Frame heading={t('funding.budgets.title')} testId="funding-budgets-page">
      <FundingTabs />
      <p className="page-intro">{t('funding.budgets.intro')}</p>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setShown(year.trim() && Number.isInteger(yearNumber) ? yearNumber : undefined);
        }}
      >
        <div className="filters__field">
          <label htmlFor="budget-year" className="field__label">
            {t('funding.budgets.year')}
          </label>
          <input
            id="budget-year"
            className="field__input field__number"
            inputMode="numeric"
            placeholder={t('funding.budgets.allYears')}
            value={year}
            data-testid="budget-year"
            onChange={(event) => setYear(event.target.value)}
          />
        </div>
        <div className="button-row button-row--tight">
          <button type="submit" className="button" data-testid="budget-show">
            {t('funding.budgets.show')}
          </button>
        </div>
      </form>
      <Loaded resource={resource} loading={t('funding.budgets.loading')} onRetry={reload} testId="funding-budgets">
        {({ programmes, budgets }) => {
          const groups = budgetsByYear(budgets);
          if (groups.length === 0) return <p className="card__empty">{t('funding.budgets.empty')}</p>;
          const scale = chartScale(budgets);
          return groups.map((group) => (
            <section key={group.year} className="card" aria-labelledby={`budget-year-${group.year}`}>
              <h2 id={`budget-year-${group.year}`} className="card__title">
                {t('funding.budgets.yearHeading', { year: group.year })}
              </h2>
              <ul className="budget-chart" data-testid="budget-chart">
                {group.rows.map((row) => (
                  <BudgetRow
                    key={row.programmeId}
                    row={row}
                    name={programmeName(programmes, row.programmeId, language)}
                    scale={scale}
                  />
                ))}
              </ul>
            </section>
          ));
        }}
      </Loaded>
    </Frame>
  );
}
