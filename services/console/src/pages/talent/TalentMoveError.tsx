import { useTranslation } from 'react-i18next';
import type { ActionErrorView } from '../../api/action-error';
import { allowedStagesOf, type TalentStage } from '../../talent/talent-types';

/** A refused move: which card and where to, the server's explanation as it came, and where it may go instead. */
export function TalentMoveError({
  error,
  name,
  to,
  onReload,
}: {
  error: ActionErrorView;
  name: string;
  to: TalentStage;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { view } = error;
  const allowed = allowedStagesOf(error.extensions);
  const stale = view.summary === 'tasks.errors.stale';
  return (
    <div className="banner banner--error" role="alert" data-testid="talent-move-error">
      <p className="banner__title">{t('talent.board.refused', { name, stage: t(`talent.stage.${to}`) })}</p>
      {/* A 409 with allowed stages is a move that does not fit the pipeline; without, the record changed meanwhile. */}
      {!allowed && <p>{stale ? t('talent.board.stale') : t(view.summary, view.summaryValues)}</p>}
      {view.detail && <p data-testid="talent-move-error-detail">{view.detail}</p>}
      {allowed && (
        <p data-testid="talent-move-error-allowed">
          {allowed.length > 0
            ? t('talent.board.allowed', { stages: allowed.map((stage) => t(`talent.stage.${stage}`)).join('、') })
            : t('talent.board.noneAllowed')}
        </p>
      )}
      {view.requestId && <p className="banner__meta">{t('common.requestId', { id: view.requestId })}</p>}
      {view.reload && !allowed && (
        <div className="button-row button-row--tight">
          <button type="button" className="button" data-testid="talent-reload" onClick={onReload}>
            {t('tasks.detail.reload')}
          </button>
        </div>
      )}
    </div>
  );
}
