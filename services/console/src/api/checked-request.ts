import { v4 as uuidv4 } from 'uuid';
import { ApiError } from './api-error';
import type { SessionStore } from '../auth/session-store';

/** A 2xx answer that is not what the contract says: shown like a bad gateway. */
export function malformedResponse(): ApiError {
  return new ApiError('http', '', { type: 'about:blank', title: 'Unexpected response', status: 502, errors: [] });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An object whose `strings` are strings and whose `arrays` are arrays: the parts a page relies on. */
export function hasShape(value: unknown, strings: readonly string[], arrays: readonly string[] = []): boolean {
  return (
    isRecord(value) &&
    strings.every((key) => typeof value[key] === 'string') &&
    arrays.every((key) => Array.isArray(value[key]))
  );
}

export interface Items<T> {
  readonly items: readonly T[];
  readonly next?: string;
}

export function isItemsOf<T>(value: unknown, isItem: (item: unknown) => item is T): value is Items<T> {
  return isRecord(value) && Array.isArray(value.items) && value.items.every(isItem);
}

/** `GET` a JSON answer and check its shape. */
export async function getChecked<T>(
  store: SessionStore,
  path: string,
  check: (value: unknown) => value is T,
  signal?: AbortSignal,
): Promise<T> {
  const data = await store.request<unknown>(path, { signal });
  if (!check(data)) throw malformedResponse();
  return data;
}

/** `POST` a user action with a fresh `Idempotency-Key` (so a retried request acts once) and check the answer. */
export async function postChecked<T>(
  store: SessionStore,
  path: string,
  body: unknown,
  check: (value: unknown) => value is T,
): Promise<T> {
  const data = await store.request<unknown>(path, {
    method: 'POST',
    headers: { 'Idempotency-Key': uuidv4() },
    body,
  });
  if (!check(data)) throw malformedResponse();
  return data;
}

/** A query string from the values that are set. */
export function queryOf(values: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
