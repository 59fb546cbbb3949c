import { isApiError } from '../api/api-error';
import { fieldName } from '../api/problem';
import type { MessageKey } from '../i18n/message-key';

export const SIGN_IN_FIELDS = ['username', 'password'] as const;
export type SignInField = (typeof SIGN_IN_FIELDS)[number];

/** What the sign-in form shows for a failed attempt. Messages from the server are shown as they came. */
export interface SignInErrorView {
  /** The summary above the form, in the user's language. */
  readonly summary: MessageKey;
  readonly summaryValues: Record<string, string | number>;
  /** Server messages for each field, shown next to the input. */
  readonly fieldErrors: Partial<Record<SignInField, readonly string[]>>;
  /** Server messages that name no field of this form. */
  readonly otherErrors: readonly string[];
  /** The server's own explanation, when it adds something to the summary. */
  readonly detail?: string;
  /** Sign-in is locked for this many seconds (429 with Retry-After). */
  readonly lockedForSeconds?: number;
  /** Quoted for support when the failure is the platform's, not the user's. */
  readonly requestId?: string;
}

function isSignInField(name: string): name is SignInField {
  return (SIGN_IN_FIELDS as readonly string[]).includes(name);
}

export function describeSignInError(error: unknown): SignInErrorView {
  const empty = { summaryValues: {}, fieldErrors: {}, otherErrors: [] };
  if (!isApiError(error)) return { ...empty, summary: 'signIn.errors.unexpected', summaryValues: { status: '—' } };
  if (error.kind === 'network' || !error.problem) {
    return { ...empty, summary: 'signIn.errors.network', requestId: error.requestId };
  }
  const { problem } = error;
  const status = problem.status;
  if (status === 400 || status === 422) {
    const fieldErrors: Partial<Record<SignInField, string[]>> = {};
    const otherErrors: string[] = [];
    for (const { path, message } of problem.errors) {
      const name = fieldName(path);
      if (isSignInField(name)) (fieldErrors[name] ??= []).push(message);
      else otherErrors.push(message);
    }
    return { ...empty, summary: 'signIn.errors.validation', fieldErrors, otherErrors, detail: problem.detail };
  }
  if (status === 401) return { ...empty, summary: 'signIn.errors.invalidCredentials' };
  if (status === 429) {
    return error.retryAfterSeconds === undefined
      ? { ...empty, summary: 'signIn.errors.lockedUnknown' }
      : { ...empty, summary: 'signIn.errors.locked', lockedForSeconds: error.retryAfterSeconds };
  }
  if (status >= 500) {
    return { ...empty, summary: 'signIn.errors.unavailable', summaryValues: { status }, requestId: error.requestId };
  }
  return {
    ...empty,
    summary: 'signIn.errors.unexpected',
    summaryValues: { status },
    detail: problem.detail ?? (problem.title || undefined),
    requestId: error.requestId,
  };
}
