import type { ActionHandle } from './use-action';
import { MoveError } from '../tasks/MoveError';

/** The outcome of the page's last action: a status line, or the refusal with the server's words. */
export function ActionFeedback({
  action,
  onReload,
  testId,
}: {
  action: ActionHandle;
  onReload: () => void;
  testId: string;
}) {
  return (
    <div data-testid={testId}>
      <p role="status" className="task-moves__done" data-testid={`${testId}-done`}>
        {action.done}
      </p>
      {action.error && <MoveError error={action.error} onReload={onReload} />}
    </div>
  );
}
