import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { fetchReviews } from '../../committee/committee-api';
import { mySeat, nextStep, type Review } from '../../committee/review-types';
import { usePageTitle } from '../../shell/use-page-title';
import { PageHeading } from '../PageHeading';
import { ResourceFailed } from '../tasks/LoadFailed';
import { useResource } from '../tasks/use-resource';
import '../../styles/inbox-talent.css';
import { AdviceSection } from './AdviceSection';
import { ReviewDue, StepBadge } from './ReviewBits';

function ReviewRow({ review }: { review: Review }) {
  const { t } = useTranslation();
  const seat = mySeat(review);
  return (
    <tr data-testid={`inbox-row-${review.id}`}>
      <th scope="row">
        <Link to={`/inbox/reviews/${review.id}`} data-testid="inbox-review-link">
          {review.title}
        </Link>
      </th>
      <td>{t(`inbox.type.${review.type}`)}</td>
      <td data-testid="inbox-role">{seat ? t(`inbox.role.${seat.role}`) : '—'}</td>
      <td>
        <StepBadge step={nextStep(review)} testId="inbox-step" />
      </td>
      <td className="data-table__nowrap">
        <ReviewDue review={review} />
      </td>
    </tr>
  );
}

function ReviewTable({ reviews }: { reviews: readonly Review[] }) {
  const { t } = useTranslation();
  if (reviews.length === 0)
    return (
      <p className="card__empty" data-testid="inbox-empty">
        {t('inbox.empty')}
      </p>
    );
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="inbox-reviews-heading">
      <table className="data-table" data-testid="inbox-reviews">
        <thead>
          <tr>
            <th scope="col">{t('inbox.columns.title')}</th>
            <th scope="col">{t('inbox.columns.type')}</th>
            <th scope="col">{t('inbox.columns.role')}</th>
            <th scope="col">{t('inbox.columns.step')}</th>
            <th scope="col">{t('inbox.columns.due')}</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((review) => (
            <ReviewRow key={review.id} review={review} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `#/inbox`: the expert's reviews (what to declare, score or conclude next, and by when) and their advice. */
export function InboxPage() {
  const { t } = useTranslation();
  const store = useSessionStore();
  usePageTitle(t('nav.inbox'));
  const { resource, reload } = useResource('inbox', (signal) => fetchReviews(store, signal));
  return (
    <div className="inbox">
      <PageHeading>{t('nav.inbox')}</PageHeading>
      <p className="page-intro">{t('inbox.intro')}</p>
      <section className="card" aria-labelledby="inbox-reviews-heading">
        <h2 id="inbox-reviews-heading" className="card__title">
          {t('inbox.reviews')}
        </h2>
        {resource.status === 'loading' && (
          <p className="list-status" role="status">
            {t('common.loading')}
          </p>
        )}
        <ResourceFailed resource={resource} onRetry={reload} testId="inbox-load-error" />
        {resource.status === 'loaded' && <ReviewTable reviews={resource.data} />}
      </section>
      <AdviceSection />
    </div>
  );
}
