import { v4 as uuidv4 } from 'uuid';
import { ApiError } from '../api/api-error';
import type { Unit } from '../api/types';
import type { SessionStore } from '../auth/session-store';
import { taskApiPath } from './task-list-query';
import { isTaskDetail, isTaskPage, isUnitList, type TaskDetail, type TaskMove, type TaskPage } from './task-types';

/** A 2xx answer that is not what the contract says: shown like a bad gateway. */
function malformed(): ApiError {
  return new ApiError('http', '', { type: 'about:blank', title: 'Unexpected response', status: 502, errors: [] });
}

export async function fetchTaskPage(store: SessionStore, path: string, signal?: AbortSignal): Promise<TaskPage> {
  const page = await store.request<unknown>(path, { signal });
  if (!isTaskPage(page)) throw malformed();
  return page;
}

export async function fetchTask(store: SessionStore, code: string, signal?: AbortSignal): Promise<TaskDetail> {
  const task = await store.request<unknown>(taskApiPath(code), { signal });
  if (!isTaskDetail(task)) throw malformed();
  return task;
}

export interface MoveInput {
  readonly move: TaskMove;
  readonly reason?: string;
  /** The version the user saw: a task changed meanwhile is refused (409) instead of moved blindly. */
  readonly expectedVersion: number;
}

/**
 * `POST /api/v1/tasks/{code}/moves`. Each user action gets a fresh `Idempotency-Key` (`uuid`, which works over plain
 * HTTP too), so a retried request never moves the task twice.
 */
export async function postMove(store: SessionStore, code: string, input: MoveInput): Promise<TaskDetail> {
  const reason = input.reason?.trim();
  const task = await store.request<unknown>(`${taskApiPath(code)}/moves`, {
    method: 'POST',
    headers: { 'Idempotency-Key': uuidv4() },
    body: { move: input.move, ...(reason ? { reason } : {}), expectedVersion: input.expectedVersion },
  });
  if (!isTaskDetail(task)) throw malformed();
  return task;
}

export async function fetchUnits(store: SessionStore): Promise<readonly Unit[]> {
  const units = await store.request<unknown>('/api/v1/units');
  if (!isUnitList(units)) throw malformed();
  return units.items;
}
