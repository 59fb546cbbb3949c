import { isApiError } from '../../api/api-error';
import { describeMoveError, type MoveErrorView } from '../../tasks/task-errors';

/**
 * A refused or failed action on a funding or consultation record, described like a refused task move, but in words
 * about records rather than tasks. A four-eyes refusal (403 whose detail names the rule) gets its own explanation.
 */
export function describeActionError(error: unknown): MoveErrorView {
  const view = describeMoveError(error);
  if (!isApiError(error) || !error.problem) return view;
  const { status, detail } = error.problem;
  if (status === 403 && /four eyes/i.test(detail ?? '')) return { ...view, summary: 'funding.fourEyes' };
  if (status === 404) return { ...view, summary: 'actions.notFound' };
  if (status === 409) return { ...view, summary: 'actions.conflict', allowedMoves: undefined, reload: true };
  return view;
}
