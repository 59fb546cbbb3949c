import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { usePageTitle } from '../../shell/use-page-title';
import '../../styles/inbox-talent.css';
import { fetchFigures } from '../../talent/talent-api';
import { barPercent, figuresByYear, type FigureRow } from '../../talent/talent-types';
import { PageHeading } from '../PageHeading';
import { ResourceFailed } from '../tasks/LoadFailed';
import { useResource } from '../tasks/use-resource';

/** Two bars per category: onboarded and target, each with its number written out (the bars only repeat it). */
function FigureBars({ row }: { row: FigureRow }) {
  const { t } = useTranslation();
  return (
    <div className="figure-bars" data-testid={`figure-${row.year}-${row.category}`}>
      <div className="figure-bar">
        <span className="figure-bar__label">{t('talent.figures.onboarded')}</span>
        <span className="figure-bar__track" aria-hidden="true">
          <span className="figure-bar__fill" style={{ width: `${barPercent(row.onboarded, row)}%` }} />
        </span>
        <span className="figure-bar__value" data-testid="figure-onboarded">
          {row.onboarded}
        </span>
      </div>
      <div className="figure-bar">
        <span className="figure-bar__label">{t('talent.figures.target')}</span>
        <span className="figure-bar__track" aria-hidden="true">
          {row.target !== undefined && (
            <span
              className="figure-bar__fill figure-bar__fill--target"
              style={{ width: `${barPercent(row.target, row)}%` }}
            />
          )}
        </span>
        <span className="figure-bar__value" data-testid="figure-target">
          {row.target ?? t('talent.figures.noTarget')}
        </span>
      </div>
    </div>
  );
}

/** `#/talent/figures`: talent brought in per category and year against the office's targets. */
export function TalentFiguresPage() {
  const { t } = useTranslation();
  const store = useSessionStore();
  usePageTitle(t('talent.figures.title'));
  const { resource, reload } = useResource('talent-figures', (signal) => fetchFigures(store, signal));
  return (
    <div className="talent-figures">
      <p className="back-link">
        <Link to="/talent">
          <span aria-hidden="true">← </span>
          {t('talent.back')}
        </Link>
      </p>
      <PageHeading>{t('talent.figures.title')}</PageHeading>
      <p className="page-intro">{t('talent.figures.intro')}</p>
      {resource.status === 'loading' && (
        <p className="list-status" role="status">
          {t('common.loading')}
        </p>
      )}
      <ResourceFailed resource={resource} onRetry={reload} testId="figures-load-error" />
      {resource.status === 'loaded' && resource.data.length === 0 && (
        <p className="card__empty" data-testid="figures-empty">
          {t('talent.figures.none')}
        </p>
      )}
      {resource.status === 'loaded' &&
        figuresByYear(resource.data).map(({ year, rows }) => (
          <section key={year} className="card" aria-labelledby={`figures-${year}`} data-testid={`figures-year-${year}`}>
            <h2 id={`figures-${year}`} className="card__title">
              {t('talent.figures.year', { year })}
            </h2>
            <table className="data-table figures-table">
              <thead>
                <tr>
                  <th scope="col">{t('talent.detail.category')}</th>
                  <th scope="col">{t('talent.figures.bars')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.category}>
                    <th scope="row">{t(`talent.category.${row.category}`)}</th>
                    <td>
                      <FigureBars row={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
    </div>
  );
}
