import { isApiError } from '../api/api-error';
import { fieldName } from '../api/problem';
import type { MessageKey } from '../i18n/message-key';
import { allowedMovesOf, type TaskMove } from './task-types';

/** What the detail page shows when a move fails. The server's own explanation is shown as it came. */
export interface MoveErrorView {
  readonly summary: MessageKey;
  readonly summaryValues: Record<string, string | number>;
  /** The server's `detail`. */
  readonly detail?: string;
  /** Server messages about the reason, shown under the reason field when the dialog is open. */
  readonly reasonErrors: readonly string[];
  /** From a 403/409 refusal: what the user may do from the task's current state instead. */
  readonly allowedMoves?: readonly TaskMove[];
  /** The task on screen is out of date: offer to load it again. */
  readonly reload: boolean;
  /** Quoted when the failure is the platform's. */
  readonly requestId?: string;
}

const EMPTY = { summaryValues: {}, reasonErrors: [], reload: false };

export function describeMoveError(error: unknown): MoveErrorView {
  if (!isApiError(error)) return { ...EMPTY, summary: 'tasks.errors.unexpected', summaryValues: { status: '—' } };
  if (error.kind === 'network' || !error.problem) {
    return { ...EMPTY, summary: 'tasks.errors.network', requestId: error.requestId };
  }
  const { problem } = error;
  const { status, detail } = problem;
  const allowedMoves = allowedMovesOf(problem.extensions);
  if (status === 400 || status === 422) {
    const reasonErrors = problem.errors.filter((e) => fieldName(e.path) === 'reason').map((e) => e.message);
    return { ...EMPTY, summary: 'tasks.errors.invalid', detail, reasonErrors };
  }
  if (status === 403) return { ...EMPTY, summary: 'tasks.errors.forbidden', detail, allowedMoves };
  if (status === 404) return { ...EMPTY, summary: 'tasks.errors.notFound', detail, reload: true };
  if (status === 409) {
    // With allowed moves: the move does not fit the task's state. Without: the task changed since it was loaded.
    return allowedMoves
      ? { ...EMPTY, summary: 'tasks.errors.notAllowedNow', detail, allowedMoves, reload: true }
      : { ...EMPTY, summary: 'tasks.errors.stale', detail, reload: true };
  }
  if (status >= 500) {
    return { ...EMPTY, summary: 'tasks.errors.unavailable', summaryValues: { status }, requestId: error.requestId };
  }
  return {
    ...EMPTY,
    summary: 'tasks.errors.unexpected',
    summaryValues: { status },
    detail: detail ?? (problem.title || undefined),
    requestId: error.requestId,
  };
}

/** Why a task or the list could not be shown. `notFound` is a task the user may not see (or that does not exist). */
export type LoadFailure =
  | { readonly kind: 'notFound' }
  | {
      readonly kind: 'failed';
      readonly summary: MessageKey;
      readonly values: Record<string, string | number>;
      readonly requestId?: string;
    };

export function describeLoadError(error: unknown): LoadFailure {
  if (!isApiError(error)) return { kind: 'failed', summary: 'tasks.errors.unexpected', values: { status: '—' } };
  if (error.kind === 'network' || !error.problem) {
    return { kind: 'failed', summary: 'tasks.errors.loadNetwork', values: {}, requestId: error.requestId };
  }
  const { status } = error.problem;
  if (status === 404) return { kind: 'notFound' };
  if (status >= 500) {
    return { kind: 'failed', summary: 'tasks.errors.unavailable', values: { status }, requestId: error.requestId };
  }
  return { kind: 'failed', summary: 'tasks.errors.unexpected', values: { status }, requestId: error.requestId };
}
