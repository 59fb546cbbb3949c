import { describe, expect, it } from 'vitest';
import { fieldName, parseProblem, parseRetryAfter } from './problem';

const PROBLEM = 'application/problem+json; charset=utf-8';

describe('parseProblem', () => {
  it('reads a full problem with field errors', () => {
    const body = JSON.stringify({
      type: 'https://aiplat.example/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'username is required',
      instance: '/api/v1/auth/sign-in',
      errors: [{ path: '/username', message: 'Required' }],
    });
    expect(parseProblem(400, PROBLEM, body)).toEqual({
      type: 'https://aiplat.example/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'username is required',
      instance: '/api/v1/auth/sign-in',
      errors: [{ path: '/username', message: 'Required' }],
    });
  });

  it('takes the HTTP status over the body status', () => {
    expect(parseProblem(429, PROBLEM, JSON.stringify({ status: 400, title: 'x' })).status).toBe(429);
  });

  it('accepts plain application/json error bodies', () => {
    expect(parseProblem(401, 'application/json', '{"title":"Unauthorized"}').title).toBe('Unauthorized');
  });

  it('turns HTML, empty and malformed bodies into a bare problem with the status', () => {
    const bare = { type: 'about:blank', title: '', status: 502, errors: [] };
    expect(parseProblem(502, 'text/html', '<html>Bad Gateway</html>')).toEqual(bare);
    expect(parseProblem(502, PROBLEM, '')).toEqual(bare);
    expect(parseProblem(502, PROBLEM, '{"title":')).toEqual(bare);
    expect(parseProblem(502, PROBLEM, '[1,2]')).toEqual(bare);
    expect(parseProblem(502, PROBLEM, 'null')).toEqual(bare);
    expect(parseProblem(502, null, '{"title":"x"}')).toEqual(bare);
  });

  it('drops fields of the wrong type and malformed field errors', () => {
    const body = JSON.stringify({
      type: 7,
      title: ['x'],
      detail: '',
      errors: [{ path: '/password', message: 'Too short' }, { path: '/x' }, 'oops', null, { message: 'No path' }],
    });
    expect(parseProblem(400, PROBLEM, body)).toEqual({
      type: 'about:blank',
      title: '',
      status: 400,
      detail: undefined,
      instance: undefined,
      errors: [
        { path: '/password', message: 'Too short' },
        { path: '', message: 'No path' },
      ],
    });
  });

  it('keeps members beyond the standard ones as extensions', () => {
    const body = JSON.stringify({ title: 'Conflict', detail: 'x', allowedMoves: ['start'], currentVersion: 3 });
    expect(parseProblem(409, PROBLEM, body).extensions).toEqual({ allowedMoves: ['start'], currentVersion: 3 });
    expect(parseProblem(409, PROBLEM, '{"title":"Conflict"}').extensions).toBeUndefined();
  });

  it('ignores errors that are not an array', () => {
    expect(parseProblem(400, PROBLEM, '{"errors":{"username":"Required"}}').errors).toEqual([]);
  });
});

describe('fieldName', () => {
  it.each([
    ['/username', 'username'],
    ['#/username', 'username'],
    ['username', 'username'],
    ['body.username', 'username'],
    ['/body/password', 'password'],
    ['/address/city', 'address.city'],
    ['', ''],
  ])('%j names %j', (path, name) => {
    expect(fieldName(path)).toBe(name);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T08:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('300', now)).toBe(300);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, rounding up to whole seconds', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 08:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter('Sun, 01 Mar 2026 08:00:01 GMT', now - 500)).toBe(2);
  });

  it('never returns a negative wait for a date in the past', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 07:00:00 GMT', now)).toBe(0);
  });

  it('is undefined when absent or unreadable', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});
