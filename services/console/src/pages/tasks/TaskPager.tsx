import { useTranslation } from 'react-i18next';

export interface TaskPagerProps {
  /** There is a page before this one. */
  readonly hasPrevious: boolean;
  /** The way back is known (this tab went forward from there); otherwise "previous" starts again at page one. */
  readonly knowsPrevious: boolean;
  readonly hasNext: boolean;
  /** A page is loading: the buttons stay (and keep the focus) but do nothing. */
  readonly busy: boolean;
  readonly onPrevious: () => void;
  readonly onNext: () => void;
}

/**
 * Previous / next by cursor. A button that cannot be used stays in place with `aria-disabled`, so the keyboard focus
 * is not lost when the last page is reached.
 */
export function TaskPager({ hasPrevious, knowsPrevious, hasNext, busy, onPrevious, onNext }: TaskPagerProps) {
  const { t } = useTranslation();
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pager" aria-label={t('tasks.pager.label')} data-testid="task-pager">
      <button
        type="button"
        className="button"
        aria-disabled={busy || !hasPrevious}
        data-testid="task-page-previous"
        onClick={() => !busy && hasPrevious && onPrevious()}
      >
        {knowsPrevious || !hasPrevious ? t('tasks.pager.previous') : t('tasks.pager.first')}
      </button>
      <button
        type="button"
        className="button"
        aria-disabled={busy || !hasNext}
        data-testid="task-page-next"
        onClick={() => !busy && hasNext && onNext()}
      >
        {t('tasks.pager.next')}
      </button>
    </nav>
  );
}
