import { useTranslation } from 'react-i18next';
import { statusLabelKey, statusTone } from '../../tasks/task-labels';
import type { TaskStatus } from '../../tasks/task-types';

/** A task's status in words, on a tinted pill (the colour only repeats what the words say). */
export function StatusBadge({ status, testId }: { status: TaskStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge status-badge--${statusTone(status)}`} data-testid={testId} data-status={status}>
      {t(statusLabelKey(status))}
    </span>
  );
}
