import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { describeActionError } from './action-error';

const refused = (status: number, detail?: string) =>
  new ApiError('http', 'req-1', { type: 'about:blank', title: 'Refused', status, detail, errors: [] });

describe('describeActionError', () => {
  it('explains a four-eyes refusal, keeping the server’s words', () => {
    const view = describeActionError(refused(403, 'four eyes: the creator cannot approve their own allocation'));
    expect(view.summary).toBe('funding.fourEyes');
    expect(view.detail).toContain('creator');
  });

  it('speaks of records, not tasks, for 404 and 409', () => {
    expect(describeActionError(refused(404)).summary).toBe('actions.notFound');
    expect(describeActionError(refused(409, 'meeting m1 is held')).summary).toBe('actions.conflict');
    expect(describeActionError(refused(409)).reload).toBe(true);
  });

  it('leaves other refusals as they are', () => {
    expect(describeActionError(refused(403, 'no')).summary).toBe('tasks.errors.forbidden');
    expect(describeActionError(new ApiError('network', 'r')).summary).toBe('tasks.errors.network');
  });
});
