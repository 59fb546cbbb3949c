import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { describeActionError, type ActionErrorView } from '../../api/action-error';
import { useSessionStore } from '../../auth/session-context';
import { declareNoConflict, declineReview, fetchReview } from '../../committee/committee-api';
import { mySeat, nextStep, type Review } from '../../committee/review-types';
import { PAGE_TITLE_ID } from '../../shell/AppShell';
import { formatDateTime, unitNames } from '../../tasks/task-format';
import { ActionErrorBanner } from '../ActionErrorBanner';
import { DetailStates } from '../DetailStates';
import { ReasonDialog } from '../tasks/ReasonDialog';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { useUnits } from '../tasks/use-units';
import '../../styles/inbox-talent.css';
import { ConclusionForm } from './ConclusionForm';
import { ReviewDue, StepBadge } from './ReviewBits';
import { ScoreForm } from './ScoreForm';

function ReviewFacts({ review }: { review: Review }) {
  const { t } = useTranslation();
  const seat = mySeat(review);
  return (
    <dl className="facts">
      <div className="facts__item">
        <dt>{t('inbox.columns.type')}</dt>
        <dd>{t(`inbox.type.${review.type}`)}</dd>
      </div>
      <div className="facts__item">
        <dt>{t('inbox.subjectLabel')}</dt>
        <dd>
          {t(`inbox.subject.${review.subject.kind}`)} · {review.subject.ref}
        </dd>
      </div>
      <div className="facts__item">
        <dt>{t('inbox.columns.due')}</dt>
        <dd>
          <ReviewDue review={review} testId="review-due" />
        </dd>
      </div>
      <div className="facts__item">
        <dt>{t('inbox.columns.role')}</dt>
        <dd data-testid="review-role">{seat ? t(`inbox.role.${seat.role}`) : '—'}</dd>
      </div>
      <div className="facts__item">
        <dt>{t('inbox.columns.step')}</dt>
        <dd>
          <StepBadge step={nextStep(review)} testId="review-step" />
        </dd>
      </div>
    </dl>
  );
}

/** Before declaring: only the assignment, and the two answers an expert can give. */
function Assignment({ review, onChanged }: { review: Review; onChanged: (review: Review) => void }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ActionErrorView | undefined>();

  const run = async (call: () => Promise<Review>) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await call();
      setAsking(false);
      onChanged(next);
      document.getElementById(PAGE_TITLE_ID)?.focus();
    } catch (caught) {
      const view = describeActionError(caught);
      if (!(asking && (view.fields.reason?.length ?? 0) > 0)) setAsking(false);
      setError(view);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="review-assignment-heading" data-testid="review-assignment">
      <h2 id="review-assignment-heading" className="card__title">
        {t('inbox.assignment.heading')}
      </h2>
      <p className="card__lead">{t('inbox.assignment.body')}</p>
      {error && !asking && <ActionErrorBanner error={error} testId="review-action-error" />}
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={busy}
          data-testid="review-declare"
          onClick={() => void run(() => declareNoConflict(store, review.id))}
        >
          {t('inbox.assignment.declare')}
        </button>
        <button
          type="button"
          id="review-decline"
          className="button"
          aria-disabled={busy}
          data-testid="review-decline"
          onClick={() => {
            setError(undefined);
            setAsking(true);
          }}
        >
          {t('inbox.assignment.decline')}
        </button>
      </div>
      {asking && (
        <ReasonDialog
          title={t('inbox.assignment.declineTitle')}
          prompt={t('inbox.assignment.declinePrompt')}
          submitLabel={t('inbox.assignment.declineSubmit')}
          busy={busy}
          serverErrors={error?.fields.reason ?? []}
          onCancel={() => setAsking(false)}
          onConfirm={(reason) => void run(() => declineReview(store, review.id, reason))}
          fallbackFocusId={PAGE_TITLE_ID}
        />
      )}
    </section>
  );
}

/** Material facts that list unit ids (shown by name). */
const UNIT_FACTS = new Set(['leadUnits', 'coUnits']);

function Material({ review }: { review: Review }) {
  const { t } = useTranslation();
  const units = useUnits();
  const language = useLanguage();
  if (!review.material) return null;
  return (
    <section className="card" aria-labelledby="review-material-heading" data-testid="review-material">
      <h2 id="review-material-heading" className="card__title">
        {t('inbox.material')}
      </h2>
      <p className="prose">{review.material.text}</p>
      {Object.keys(review.material.facts).length > 0 && (
        <dl className="facts">
          {Object.entries(review.material.facts).map(([key, value]) => (
            <div className="facts__item" key={key}>
              <dt>{t(`inbox.facts.${key}`, { defaultValue: key })}</dt>
              <dd>{UNIT_FACTS.has(key) ? unitNames(units, value.split(/,\s*/), language) : value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function Panel({ review }: { review: Review }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="review-panel-heading">
      <h2 id="review-panel-heading" className="card__title">
        {t('inbox.panel.heading')}
      </h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="review-panel">
          <thead>
            <tr>
              <th scope="col">{t('inbox.panel.name')}</th>
              <th scope="col">{t('inbox.panel.role')}</th>
              <th scope="col">{t('inbox.panel.status')}</th>
              <th scope="col">{t('inbox.panel.score')}</th>
            </tr>
          </thead>
          <tbody>
            {review.panel.map((member) => (
              <tr key={member.expertId} data-testid="panel-member" data-status={member.status}>
                <th scope="row">
                  {member.name}
                  {member.expertId === review.myExpertId && ` ${t('inbox.panel.you')}`}
                </th>
                <td>{t(`inbox.role.${member.role}`)}</td>
                <td>{t(`inbox.memberStatus.${member.status}`)}</td>
                <td>{member.weightedScore ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Concluded({ review }: { review: Review }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { conclusion } = review;
  if (!conclusion) return null;
  return (
    <section className="card" aria-labelledby="review-conclusion-heading" data-testid="review-conclusion">
      <h2 id="review-conclusion-heading" className="card__title">
        {t('inbox.conclusion.heading')}
      </h2>
      <dl className="facts">
        <div className="facts__item">
          <dt>{t('inbox.conclusion.conclusion')}</dt>
          <dd data-testid="review-conclusion-value" data-conclusion={conclusion.conclusion}>
            {t(`inbox.conclusions.${conclusion.conclusion}`)}
          </dd>
        </div>
        <div className="facts__item">
          <dt>{t('inbox.conclusion.score')}</dt>
          <dd data-testid="review-conclusion-score">{conclusion.weightedScore}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('inbox.conclusion.at')}</dt>
          <dd>{formatDateTime(conclusion.at, language)}</dd>
        </div>
        <div className="facts__item facts__item--wide">
          <dt>{t('inbox.conclusion.summary')}</dt>
          <dd>{conclusion.summary}</dd>
        </div>
        {conclusion.conditions && (
          <div className="facts__item facts__item--wide">
            <dt>{t('inbox.conclusion.conditions')}</dt>
            <dd>{conclusion.conditions}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function ReviewBody({ review, onChanged }: { review: Review; onChanged: (review: Review) => void }) {
  const step = nextStep(review);
  const seat = mySeat(review);
  return (
    <div className="task-detail__body" data-testid="review-detail" data-status={review.status}>
      <ReviewFacts review={review} />
      {step === 'declare' && <Assignment review={review} onChanged={onChanged} />}
      <Concluded review={review} />
      {review.visibility === 'full' && <Material review={review} />}
      {step === 'conclude' && <ConclusionForm review={review} onConcluded={onChanged} />}
      {(step === 'score' || step === 'rescore' || step === 'conclude') && seat && (
        <ScoreForm review={review} seat={seat} onScored={onChanged} />
      )}
      {review.visibility === 'full' && <Panel review={review} />}
    </div>
  );
}

function ReviewLoader({ id }: { id: string }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const { resource, reload, replace } = useResource(id, (signal) => fetchReview(store, id, signal));
  return (
    <DetailStates
      resource={resource}
      reload={reload}
      back={{ to: '/inbox', label: t('inbox.back'), testId: 'review-back' }}
      loadingHeading={t('nav.inbox')}
      notFound={{ heading: t('inbox.notFound'), body: t('inbox.notFoundBody') }}
      testIdPrefix="review"
      title={(review) => review.title}
    >
      {(review) => <ReviewBody review={review} onChanged={replace} />}
    </DetailStates>
  );
}

/** `#/inbox/reviews/:id`: one review, as far as the expert may see it, and their next step on it. */
export function ReviewPage() {
  const { id = '' } = useParams();
  return <ReviewLoader key={id} id={id} />;
}
