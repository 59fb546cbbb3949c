import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import type { Problem } from '../api/problem';
import { describeLoadError, describeMoveError } from './task-errors';

function refused(problem: Partial<Problem> & { status: number }): ApiError {
  return new ApiError('http', 'req-1', { type: 'about:blank', title: 'x', errors: [], ...problem });
}

describe('describeMoveError', () => {
  it('puts the server’s reason errors with the reason field', () => {
    const view = describeMoveError(
      refused({
        status: 400,
        detail: 'flag_risk needs a reason',
        errors: [
          { path: 'reason', message: 'required' },
          { path: '/move', message: 'bad' },
        ],
      }),
    );
    expect(view).toMatchObject({ summary: 'tasks.errors.invalid', detail: 'flag_risk needs a reason' });
    expect(view.reasonErrors).toEqual(['required']);
    expect(view.reload).toBe(false);
  });

  it('shows a 403 with the server’s detail and the moves the user may make', () => {
    const view = describeMoveError(
      refused({
        status: 403,
        detail: 'accept is for the leading-group office',
        extensions: { allowedMoves: ['complete', 'flag_risk'] },
      }),
    );
    expect(view).toMatchObject({
      summary: 'tasks.errors.forbidden',
      detail: 'accept is for the leading-group office',
      allowedMoves: ['flag_risk', 'complete'],
      reload: false,
    });
  });

  it('tells a move that does not fit the state (409 with allowed moves) from a stale version (409 without)', () => {
    expect(
      describeMoveError(refused({ status: 409, detail: 'task is draft', extensions: { allowedMoves: [] } })),
    ).toMatchObject({ summary: 'tasks.errors.notAllowedNow', allowedMoves: [], reload: true });
    const stale = describeMoveError(
      refused({ status: 409, detail: 'reload and try again', extensions: { currentVersion: 4 } }),
    );
    expect(stale).toMatchObject({ summary: 'tasks.errors.stale', detail: 'reload and try again', reload: true });
    expect(stale.allowedMoves).toBeUndefined();
  });

  it('treats a 404 as a task no longer visible', () => {
    expect(describeMoveError(refused({ status: 404 }))).toMatchObject({
      summary: 'tasks.errors.notFound',
      reload: true,
    });
  });

  it('quotes the request id for network failures and server errors', () => {
    expect(describeMoveError(new ApiError('network', 'req-2'))).toMatchObject({
      summary: 'tasks.errors.network',
      requestId: 'req-2',
    });
    expect(describeMoveError(refused({ status: 503 }))).toMatchObject({
      summary: 'tasks.errors.unavailable',
      summaryValues: { status: 503 },
      requestId: 'req-1',
    });
  });

  it('falls back to the status and the server’s words for anything else', () => {
    expect(describeMoveError(refused({ status: 418, title: 'Teapot' }))).toMatchObject({
      summary: 'tasks.errors.unexpected',
      summaryValues: { status: 418 },
      detail: 'Teapot',
    });
    expect(describeMoveError(new Error('boom'))).toMatchObject({ summary: 'tasks.errors.unexpected' });
  });
});

describe('describeLoadError', () => {
  it('answers a 404 with the not-found view', () => {
    expect(describeLoadError(refused({ status: 404 }))).toEqual({ kind: 'notFound' });
  });

  it('describes other failures with a retryable summary', () => {
    expect(describeLoadError(new ApiError('network', 'req-3'))).toEqual({
      kind: 'failed',
      summary: 'tasks.errors.loadNetwork',
      values: {},
      requestId: 'req-3',
    });
    expect(describeLoadError(refused({ status: 500 }))).toMatchObject({
      kind: 'failed',
      summary: 'tasks.errors.unavailable',
    });
    expect(describeLoadError(refused({ status: 400 }))).toMatchObject({
      kind: 'failed',
      summary: 'tasks.errors.unexpected',
    });
  });
});
