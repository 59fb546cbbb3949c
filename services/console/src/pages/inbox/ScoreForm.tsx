import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeActionError, messagesFor, type ActionErrorView } from '../../api/action-error';
import { useSessionStore } from '../../auth/session-context';
import { putScores } from '../../committee/committee-api';
import {
  SCORE_VALUES,
  unscoredCriteria,
  weightedScorePreview,
  weightPercent,
  type PanelMember,
  type Review,
} from '../../committee/review-types';
import { ActionErrorBanner } from '../ActionErrorBanner';
import { RadioGroup, SubmitRow, TextField } from '../TextField';

/**
 * The scoring sheet built from the review's rubric: one 1–5 radio group per criterion (with its weight), a comment,
 * and a preview of the weighted score. Scoring again before the conclusion replaces the earlier sheet.
 */
export function ScoreForm({
  review,
  seat,
  onScored,
}: {
  review: Review;
  seat: PanelMember;
  onScored: (review: Review) => void;
}) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [scores, setScores] = useState<Record<string, number | undefined>>(() => ({ ...seat.scores }));
  const [comment, setComment] = useState(seat.comment ?? '');
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionErrorView | undefined>();
  const [done, setDone] = useState('');
  const preview = weightedScorePreview(review.rubric, scores);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const empty = [...unscoredCriteria(review.rubric, scores), ...(comment.trim() === '' ? ['comment'] : [])];
    setMissing(empty);
    setDone('');
    if (empty.length > 0) {
      const first = empty[0] === 'comment' ? 'score-comment' : `score-${empty[0]}-1`;
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const sheet = Object.fromEntries(review.rubric.map(({ criterion }) => [criterion, scores[criterion] ?? 0]));
      const scored = await putScores(store, review.id, sheet, comment.trim());
      onScored(scored);
      setDone(t('inbox.score.saved'));
    } catch (caught) {
      setError(describeActionError(caught));
    } finally {
      setBusy(false);
    }
  };

  const commentErrors = [
    ...(missing.includes('comment') ? [t('inbox.form.required')] : []),
    ...messagesFor(error, 'comment'),
  ];
  return (
    <section className="card" aria-labelledby="score-heading">
      <h2 id="score-heading" className="card__title">
        {seat.status === 'scored' ? t('inbox.score.headingAgain') : t('inbox.score.heading')}
      </h2>
      <form noValidate onSubmit={submit} data-testid="score-form">
        {error && <ActionErrorBanner error={error} testId="score-error" />}
        {review.rubric.map(({ criterion, label, weight }) => (
          <RadioGroup
            key={criterion}
            name={`score-${criterion}`}
            testId={`score-${criterion}`}
            legend={
              <>
                {label}{' '}
                <span className="score-criterion__weight">
                  {t('inbox.score.weight', { percent: weightPercent(weight) })}
                </span>
              </>
            }
            options={SCORE_VALUES.map((value) => ({ value, label: String(value) }))}
            checked={scores[criterion]}
            onChange={(value) => {
              setScores((before) => ({ ...before, [criterion]: value }));
              setMissing((before) => before.filter((name) => name !== criterion));
            }}
            errors={[
              ...(missing.includes(criterion) ? [t('inbox.score.pick')] : []),
              ...messagesFor(error, `scores.${criterion}`),
            ]}
          />
        ))}
        <p className="score-preview" data-testid="score-preview" aria-live="polite">
          {preview === undefined
            ? t('inbox.score.previewPending')
            : t('inbox.score.preview', { score: preview.toFixed(2) })}
        </p>
        <TextField
          id="score-comment"
          label={t('inbox.score.comment')}
          errors={commentErrors}
          value={comment}
          onChange={(value) => {
            setComment(value);
            if (value.trim() !== '') setMissing((before) => before.filter((name) => name !== 'comment'));
          }}
          rows={4}
          maxLength={4000}
        />
        <SubmitRow busy={busy} label={t('inbox.score.submit')} testId="score" done={done} />
      </form>
    </section>
  );
}
