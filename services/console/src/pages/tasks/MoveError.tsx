import { useTranslation } from 'react-i18next';
import { joinNames } from '../../tasks/task-format';
import { moveLabelKey } from '../../tasks/task-labels';
import type { MoveErrorView } from '../../tasks/task-errors';
import { useLanguage } from './use-language';

/** A refused or failed move: our summary, the server's explanation, what is allowed now, and a reload when stale. */
export function MoveError({ error, onReload }: { error: MoveErrorView; onReload: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const allowed = error.allowedMoves?.map((move) => t(moveLabelKey(move)));
  return (
    <div className="banner banner--error" data-testid="task-move-error">
      <p className="banner__title">{t(error.summary, error.summaryValues)}</p>
      {error.detail && <p data-testid="task-move-error-detail">{error.detail}</p>}
      {allowed && (
        <p>
          {allowed.length > 0
            ? t('tasks.errors.allowedNow', { moves: joinNames(allowed, language) })
            : t('tasks.errors.noneAllowedNow')}
        </p>
      )}
      {error.requestId && <p className="banner__meta">{t('common.requestId', { id: error.requestId })}</p>}
      {error.reload && (
        <div className="button-row button-row--tight">
          <button type="button" className="button" data-testid="task-reload" onClick={onReload}>
            {t('tasks.detail.reload')}
          </button>
        </div>
      )}
    </div>
  );
}
