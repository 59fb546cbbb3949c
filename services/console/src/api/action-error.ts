import { isApiError } from './api-error';
import { fieldName } from './problem';
import { describeMoveError, type MoveErrorView } from '../tasks/task-errors';

/** A refused or failed form action: the summary shown above the form, and the server's messages per field. */
export interface ActionErrorView {
  readonly view: MoveErrorView;
  /** Field name (`scores.quality`, `summary`) → the server's messages about it. */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** Problem extensions (e.g. `allowed` stages of a refused move). */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export function describeActionError(error: unknown): ActionErrorView {
  const view = describeMoveError(error);
  const fields: Record<string, string[]> = {};
  const problem = isApiError(error) ? error.problem : undefined;
  for (const entry of problem?.errors ?? []) {
    const name = fieldName(entry.path);
    (fields[name] ??= []).push(entry.message);
  }
  return { view, fields, extensions: problem?.extensions };
}

/** The server's messages about a field and anything under it (`scores` covers `scores.quality`). */
export function messagesFor(error: ActionErrorView | undefined, name: string): readonly string[] {
  if (!error) return [];
  return Object.entries(error.fields).flatMap(([field, messages]) =>
    field === name || field.startsWith(`${name}.`) ? messages : [],
  );
}
