import { useTranslation } from 'react-i18next';
import type { Review, ReviewStep } from '../../committee/review-types';
import { formatDate } from '../../tasks/task-format';
import { useLanguage } from '../tasks/use-language';

/** The deadline, with an overdue mark in words (the colour only repeats them). */
export function ReviewDue({ review, testId }: { review: Review; testId?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <span data-testid={testId}>
      {formatDate(review.dueDate, language)}
      {review.overdue && review.status === 'open' && (
        <span className="task-flag task-flag--overdue" data-testid="review-overdue">
          {t('inbox.overdue')}
        </span>
      )}
    </span>
  );
}

const STEP_TONE: Record<ReviewStep, string> = {
  declare: 'warning',
  score: 'active',
  rescore: 'info',
  conclude: 'warning',
  wait: 'neutral',
  done: 'done',
  declined: 'muted',
};

/** What the expert is to do next on a review, in words on a tinted pill. */
export function StepBadge({ step, testId }: { step: ReviewStep; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge status-badge--${STEP_TONE[step]}`} data-testid={testId} data-step={step}>
      {t(`inbox.step.${step}`)}
    </span>
  );
}
