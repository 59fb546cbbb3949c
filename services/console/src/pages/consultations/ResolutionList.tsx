import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResolutionView } from '../../consultations/consultation-types';
import { formatDate, unitName } from '../../tasks/task-format';
import { useLanguage } from '../tasks/use-language';
import type { UnitIndex } from '../tasks/use-units';

/** Resolutions: what was decided, who owns it by when, its follow-up task, and whether it is done. */
export function ResolutionList({
  resolutions,
  units,
  onDone,
  mayComplete = () => true,
}: {
  resolutions: readonly ResolutionView[];
  units: UnitIndex | undefined;
  /** Offered on the open resolutions `mayComplete` allows (all, without it). */
  onDone?: (resolution: ResolutionView) => void;
  mayComplete?: (resolution: ResolutionView) => boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <ul className="timeline" data-testid="resolutions">
      {resolutions.map((resolution) => (
        <li key={resolution.id} className="timeline__entry" data-testid="resolution" data-status={resolution.status}>
          <p className="timeline__head">
            <span className="timeline__what">{resolution.text}</span>
          </p>
          <p className="timeline__text">
            {t('consultations.resolution.owner')}: {unitName(units, resolution.ownerUnitId, language)} ·{' '}
            {t('consultations.resolution.deadline')}: {formatDate(resolution.deadline, language)} ·{' '}
            {t('consultations.resolution.status')}: {t(`consultations.resolutionStatus.${resolution.status}`)}
            {resolution.overdue && (
              <>
                {' '}
                <span className="task-flag task-flag--overdue">{t('consultations.resolution.overdue')}</span>
              </>
            )}
          </p>
          {resolution.followUpTaskCode && (
            <p className="timeline__text">
              {t('consultations.resolution.followUpTask')}:{' '}
              <Link to={`/tasks/${resolution.followUpTaskCode}`} data-testid="resolution-follow-up">
                {resolution.followUpTaskCode}
              </Link>
            </p>
          )}
          {resolution.doneNote && (
            <p className="timeline__text">
              {t('consultations.resolution.doneNote')}: {resolution.doneNote}
            </p>
          )}
          {onDone && resolution.status === 'open' && mayComplete(resolution) && (
            <div className="button-row button-row--tight">
              <button type="button" className="button" data-testid="resolution-done" onClick={() => onDone(resolution)}>
                {t('consultations.resolution.markDone')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
