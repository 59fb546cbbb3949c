import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../../auth/session-context';
import { postMove } from '../../tasks/task-api';
import { describeMoveError, type MoveErrorView } from '../../tasks/task-errors';
import {
  moveLabelKey,
  needsReason,
  orderedMoves,
  reasonPromptKey,
  statusLabelKey,
  type ReasonMove,
} from '../../tasks/task-labels';
import type { TaskDetail, TaskMove, TaskStatus } from '../../tasks/task-types';
import { PAGE_TITLE_ID } from '../../shell/AppShell';
import { MoveError } from './MoveError';
import { ReasonDialog } from './ReasonDialog';

const HEADING_ID = 'task-moves-heading';
const NO_ERRORS: readonly string[] = [];

export interface TaskMovesProps {
  readonly task: TaskDetail;
  /** The task as the move left it (the server's answer). */
  readonly onMoved: (task: TaskDetail) => void;
  readonly onReload: () => void;
}

/**
 * One button per move the server allows now. Moves that need a reason ask for it in a dialog first. The outcome is
 * announced politely; a refusal is shown with the server's explanation.
 */
export function TaskMoves({ task, onMoved, onReload }: TaskMovesProps) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [asking, setAsking] = useState<ReasonMove | undefined>();
  const [busy, setBusy] = useState<TaskMove | undefined>();
  const [error, setError] = useState<MoveErrorView | undefined>();
  const [done, setDone] = useState<{ move: TaskMove; status: TaskStatus } | undefined>();
  const [focusHeading, setFocusHeading] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moves = orderedMoves(task.allowedMoves);

  // The button just used is usually gone after a move: put focus somewhere that still exists.
  useEffect(() => {
    if (!focusHeading) return;
    setFocusHeading(false);
    headingRef.current?.focus();
  }, [focusHeading]);

  const send = async (move: TaskMove, reason?: string) => {
    if (busy) return;
    setBusy(move);
    setError(undefined);
    setDone(undefined);
    try {
      const moved = await postMove(store, task.code, { move, reason, expectedVersion: task.version });
      setAsking(undefined);
      onMoved(moved);
      setDone({ move, status: moved.status });
      if (!needsReason(move)) setFocusHeading(true); // the dialog returns focus itself
    } catch (caught) {
      const view = describeMoveError(caught);
      // A problem with the reason is fixed in the dialog; anything else closes it and shows on the page.
      if (asking && view.reasonErrors.length > 0) setError(view);
      else {
        setAsking(undefined);
        setError(view);
      }
    } finally {
      setBusy(undefined);
    }
  };

  // Reloading replaces this section (and the button pressed) for a moment: the page heading keeps the focus.
  const reload = () => {
    document.getElementById(PAGE_TITLE_ID)?.focus();
    onReload();
  };

  const reasonErrors = asking && error ? error.reasonErrors : NO_ERRORS;

  return (
    <section className="card task-moves" aria-labelledby={HEADING_ID} data-testid="task-moves">
      <h2 id={HEADING_ID} ref={headingRef} tabIndex={-1} className="card__title">
        {t('tasks.detail.moves')}
      </h2>
      {moves.length > 0 ? (
        <>
          <p className="card__lead">{t('tasks.detail.movesIntro')}</p>
          <div className="button-row button-row--tight">
            {moves.map((move) => (
              <button
                key={move}
                type="button"
                className={move === moves[0] ? 'button button--primary' : 'button'}
                aria-disabled={busy !== undefined}
                data-testid={`task-move-${move}`}
                onClick={() => {
                  if (busy) return;
                  setError(undefined);
                  if (needsReason(move)) setAsking(move);
                  else void send(move);
                }}
              >
                {busy === move && !asking
                  ? t('tasks.detail.moving', { move: t(moveLabelKey(move)) })
                  : t(moveLabelKey(move))}
              </button>
            ))}
          </div>
        </>
      ) : (
        <p className="card__lead" data-testid="task-no-moves">
          {t('tasks.detail.noMoves')}
        </p>
      )}

      <p className="task-moves__done" role="status" data-testid="task-move-message">
        {done && t('tasks.detail.moved', { move: t(moveLabelKey(done.move)), status: t(statusLabelKey(done.status)) })}
      </p>
      <div role="alert">{error && !asking && <MoveError error={error} onReload={reload} />}</div>

      {asking && (
        <ReasonDialog
          title={t('tasks.dialog.title', { move: t(moveLabelKey(asking)), code: task.code })}
          prompt={t(reasonPromptKey(asking))}
          submitLabel={t(moveLabelKey(asking))}
          busy={busy !== undefined}
          serverErrors={reasonErrors}
          fallbackFocusId={HEADING_ID}
          onCancel={() => {
            setAsking(undefined);
            setError(undefined);
          }}
          onConfirm={(reason) => void send(asking, reason)}
        />
      )}
    </section>
  );
}
