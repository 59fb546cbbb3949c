import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { parseProblem } from '../api/problem';
import { describeSignInError } from './sign-in-errors';

const REQUEST_ID = '2b1f6f0e-6a3c-4f55-9a57-0d1f3c1e9b10';

function httpError(status: number, body: object = {}, retryAfterSeconds?: number): ApiError {
  const problem = parseProblem(status, 'application/problem+json', JSON.stringify(body));
  return new ApiError('http', REQUEST_ID, problem, retryAfterSeconds);
}

describe('describeSignInError', () => {
  it('puts 400 field errors next to their fields and keeps the rest for the summary', () => {
    const view = describeSignInError(
      httpError(400, {
        title: 'Invalid request',
        detail: 'The request body is not valid.',
        errors: [
          { path: '/username', message: '用户名不能为空' },
          { path: 'password', message: 'Too short' },
          { path: '/password', message: 'Too simple' },
          { path: '/captcha', message: 'Required' },
        ],
      }),
    );
    expect(view.summary).toBe('signIn.errors.validation');
    expect(view.fieldErrors).toEqual({ username: ['用户名不能为空'], password: ['Too short', 'Too simple'] });
    expect(view.otherErrors).toEqual(['Required']);
    expect(view.detail).toBe('The request body is not valid.');
  });

  it('says only that the credentials are wrong on 401', () => {
    const view = describeSignInError(httpError(401, { title: 'Unauthorized', detail: 'user alice not found' }));
    expect(view).toEqual({
      summary: 'signIn.errors.invalidCredentials',
      summaryValues: {},
      fieldErrors: {},
      otherErrors: [],
    });
  });

  it('turns 429 with Retry-After into a lock of that many seconds', () => {
    const view = describeSignInError(httpError(429, { title: 'Too many attempts' }, 300));
    expect(view.summary).toBe('signIn.errors.locked');
    expect(view.lockedForSeconds).toBe(300);
  });

  it('still explains a 429 that has no Retry-After', () => {
    const view = describeSignInError(httpError(429));
    expect(view.summary).toBe('signIn.errors.lockedUnknown');
    expect(view.lockedForSeconds).toBeUndefined();
  });

  it('blames the platform, with the request id, on 5xx', () => {
    const view = describeSignInError(httpError(503));
    expect(view.summary).toBe('signIn.errors.unavailable');
    expect(view.summaryValues).toEqual({ status: 503 });
    expect(view.requestId).toBe(REQUEST_ID);
  });

  it('reports a network failure as such', () => {
    const view = describeSignInError(new ApiError('network', REQUEST_ID));
    expect(view.summary).toBe('signIn.errors.network');
    expect(view.requestId).toBe(REQUEST_ID);
  });

  it('shows the server explanation for other statuses', () => {
    const view = describeSignInError(httpError(403, { title: 'Account disabled' }));
    expect(view.summary).toBe('signIn.errors.unexpected');
    expect(view.detail).toBe('Account disabled');
  });

  it('survives errors that are not API errors', () => {
    expect(describeSignInError(new TypeError('boom')).summary).toBe('signIn.errors.unexpected');
  });
});
