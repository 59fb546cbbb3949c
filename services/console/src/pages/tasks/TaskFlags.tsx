import { useTranslation } from 'react-i18next';
import { taskFlags } from '../../tasks/task-labels';

/** Overdue and risk markers, in words; nothing when the task has neither. */
export function TaskFlags({ task }: { task: { readonly overdue: boolean; readonly riskLevel: string } }) {
  const { t } = useTranslation();
  const flags = taskFlags(task);
  if (flags.length === 0) return null;
  return (
    <ul className="task-flags">
      {flags.map((flag) => (
        <li key={flag.kind} className={`task-flag task-flag--${flag.kind}`} data-testid={`task-flag-${flag.kind}`}>
          {t(flag.key)}
        </li>
      ))}
    </ul>
  );
}
