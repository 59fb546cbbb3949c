import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const MAX_REASON_LENGTH = 2000;

export interface ReasonDialogProps {
  readonly title: string;
  /** What to write, under the title. */
  readonly prompt: string;
  /** The field's label (default: "Reason"). */
  readonly fieldLabel?: string;
  /** The confirming button's text. */
  readonly submitLabel: string;
  readonly busy: boolean;
  /** The server's messages about the reason, from a 400. */
  readonly serverErrors: readonly string[];
  readonly onCancel: () => void;
  readonly onConfirm: (reason: string) => void;
  /** Where focus goes when the dialog closes and the control that opened it is gone (e.g. the move was made). */
  readonly fallbackFocusId: string;
}

const FOCUSABLE = 'button, textarea, input, select, a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Asks for the reason a move needs (or the comment a returned report carries), before it is sent. A modal `<dialog>`: the page behind is inert, Tab and
 * Shift+Tab cycle inside it, Escape closes it, and focus goes back to where it was (or to `fallbackFocusId`).
 */
export function ReasonDialog({
  title,
  prompt,
  fieldLabel,
  submitLabel,
  busy,
  serverErrors,
  onCancel,
  onConfirm,
  fallbackFocusId,
}: ReasonDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const errors = [...(missing ? [t('tasks.dialog.required')] : []), ...serverErrors];

  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    textRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // After React has finished this commit: the opener may just have been removed (the move changed the buttons).
      setTimeout(() => {
        if (dialog.isConnected && dialog.open) return; // opened again (development double-mount)
        const target = opener?.isConnected ? opener : document.getElementById(fallbackFocusId);
        target?.focus();
      }, 0);
    };
  }, [fallbackFocusId]);

  // Focus goes to the reason field whenever there is something to fix in it.
  useLayoutEffect(() => {
    if (serverErrors.length > 0) textRef.current?.focus();
  }, [serverErrors]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = reason.trim();
    setMissing(trimmed === '');
    if (trimmed === '') {
      textRef.current?.focus();
      return;
    }
    onConfirm(trimmed);
  };

  // Keep Tab inside the dialog (the browser would otherwise move on to its own toolbar).
  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="reason-dialog-title"
      aria-describedby="reason-dialog-prompt"
      data-testid="reason-dialog"
      onKeyDown={trapTab}
      onCancel={(event) => {
        // Escape: closing is React's job, so the dialog and the state never disagree.
        event.preventDefault();
        if (!busy) onCancel();
      }}
      onClose={() => {
        // Closed by the browser itself (not by this component, which unmounts instead): follow it.
        if (!dialogRef.current?.open) onCancel();
      }}
    >
      <form noValidate onSubmit={submit}>
        <h2 id="reason-dialog-title" className="dialog__title">
          {title}
        </h2>
        <p id="reason-dialog-prompt" className="dialog__prompt">
          {prompt}
        </p>
        <div className="field">
          <label htmlFor="reason-dialog-text" className="field__label">
            {fieldLabel ?? t('tasks.dialog.reason')}
          </label>
          <p id="reason-dialog-hint" className="field__hint">
            {t('tasks.dialog.reasonHint')}
          </p>
          <textarea
            ref={textRef}
            id="reason-dialog-text"
            className="field__input field__textarea"
            rows={5}
            maxLength={MAX_REASON_LENGTH}
            required
            aria-invalid={errors.length > 0}
            aria-describedby={errors.length > 0 ? 'reason-dialog-hint reason-dialog-error' : 'reason-dialog-hint'}
            data-testid="reason-input"
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              if (missing && event.target.value.trim() !== '') setMissing(false);
            }}
          />
          {errors.length > 0 && (
            <div id="reason-dialog-error" className="field__error" data-testid="reason-error">
              {errors.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          )}
        </div>
        <div className="dialog__actions">
          <button
            type="button"
            className="button"
            data-testid="reason-cancel"
            aria-disabled={busy}
            onClick={() => !busy && onCancel()}
          >
            {t('tasks.dialog.cancel')}
          </button>
          <button type="submit" className="button button--primary" data-testid="reason-submit" aria-disabled={busy}>
            {busy ? t('tasks.dialog.sending') : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
