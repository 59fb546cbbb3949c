import { DomainError } from '@aiplat/contracts';
import { MongoNetworkError, MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isDependencyUnavailable } from './dependency-errors';

describe('dependency failures', () => {
  it('counts an unreachable database as a dependency that is down', () => {
    expect(isDatabaseUnavailable(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'))).toBe(true);
    // The driver's server-selection error needs a topology to be built; its name is what counts.
    const selection = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), {
      name: 'MongoServerSelectionError',
    });
    expect(isDependencyUnavailable(selection)).toBe(true);
    const buffering = new Error('Operation `checks.insertOne()` buffering timed out after 10000ms');
    buffering.name = 'MongooseError';
    expect(isDatabaseUnavailable(buffering)).toBe(true);
  });

  it('does not count a refused operation or a broken handler', () => {
    expect(isDependencyUnavailable(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(false);
    expect(isDependencyUnavailable(new TypeError("Cannot read properties of undefined (reading 'code')"))).toBe(false);
    expect(isDependencyUnavailable(new DomainError('conflict', 'the task changed meanwhile'))).toBe(false);
    expect(isDependencyUnavailable('boom')).toBe(false);
  });

  it('counts a service or NATS that does not answer', () => {
    expect(isDependencyUnavailable(new DomainError('unavailable', 'committee did not answer in time'))).toBe(true);
    const closed = Object.assign(new Error('connection closed'), { code: 'CONNECTION_CLOSED' });
    expect(isDependencyUnavailable(closed)).toBe(true);
  });
});
