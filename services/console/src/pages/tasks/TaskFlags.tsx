import { useTranslation } from 'react-i18next';
import { taskFlags } from '../../tasks/task-labels';

/** Overdue, due-soon and risk markers, in words; nothing when the task has none. */
export function TaskFlags({ task, now }: { task: Parameters<typeof taskFlags>[0]; now?: Date }) {
  const { t } = useTranslation();
  const flags = taskFlags(task, now);
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
