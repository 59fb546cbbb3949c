import { DomainError } from '@aiplat/contracts';
import {
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  MongoOperationTimeoutError,
} from 'mongodb';
import mongoose from 'mongoose';
import { ErrorCode, NatsError } from 'nats';
import { TimeoutError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  databaseUnavailable,
  dependencyFailure,
  isDatabaseUnavailableError,
  isDependencyUnavailable,
  isNatsUnavailableError,
  natsUnavailable,
} from './dependency-errors';
import { rpcFailure } from './nest/rpc-client';
import { toWireError } from './nest/rpc-errors';

/** What the driver's pool throws once a server it talked to went away (the class is not exported). */
class PoolClearedLike extends MongoNetworkError {
  override get name(): string {
    return 'MongoPoolClearedError';
  }
}

const serverError = (fields: Record<string, unknown>) =>
  new MongoServerError({ errmsg: 'from the server', ...fields } as ConstructorParameters<typeof MongoServerError>[0]);

const labelled = <E extends MongoServerError>(err: E, label: string): E => {
  err.addErrorLabel(label);
  return err;
};

describe('isDatabaseUnavailableError', () => {
  const selection = new MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:27017', {
    type: 'Unknown',
  } as never);

  it.each([
    ['MongoServerSelectionError', selection],
    ['MongoNetworkError', new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017')],
    ['MongoNetworkTimeoutError', new MongoNetworkTimeoutError('connection timed out')],
    ['MongoNotConnectedError', new MongoNotConnectedError('Client must be connected before running operations')],
    ['MongoTopologyClosedError', new MongoTopologyClosedError()],
    ['MongoOperationTimeoutError', new MongoOperationTimeoutError('Timed out during server selection')],
    ['a pool cleared after a network error', new PoolClearedLike('Connection pool for 127.0.0.1:27017 was cleared')],
    ['ShutdownInProgress (91)', serverError({ code: 91 })],
    ['NotWritablePrimary (10107)', serverError({ code: 10107 })],
    ['PrimarySteppedDown (189)', serverError({ code: 189 })],
    ['a server error labelled RetryableWriteError', serverError({ code: 1, errorLabels: ['RetryableWriteError'] })],
    ['a server error labelled SystemOverloadedError', serverError({ code: 2, errorLabels: ['SystemOverloadedError'] })],
    ['an error labelled ResetPool', labelled(serverError({ code: 3 }), 'ResetPool')],
    ['mongoose’s server selection error', new mongoose.Error.MongooseServerSelectionError('could not connect')],
    [
      'mongoose’s buffering timeout',
      new mongoose.Error('Operation `tasks.findOne()` buffering timed out after 10000ms'),
    ],
    ['an error caused by a network error', new Error('save failed', { cause: new MongoNetworkError('EPIPE') })],
  ])('is true for %s', (_what, err) => {
    expect(isDatabaseUnavailableError(err)).toBe(true);
  });

  it.each([
    ['a duplicate key (11000)', serverError({ code: 11000 })],
    ['a document validation failure (121)', serverError({ code: 121 })],
    ['an unsupported operator (FerretDB, 238)', serverError({ code: 238 })],
    ['a plain Error', new Error('boom')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'code')")],
    ['a DomainError', new DomainError('conflict', 'not from this state')],
    ['a mongoose validation error', new mongoose.Error.ValidationError()],
    ['a cast error', new mongoose.Error.CastError('Number', 'x', 'n')],
    ['a string', 'ECONNREFUSED'],
    ['undefined', undefined],
    ['an object named like an error but not one', { name: 'SomethingElse', code: 91 }],
  ])('is false for %s', (_what, err) => {
    expect(isDatabaseUnavailableError(err)).toBe(false);
  });
});

describe('isNatsUnavailableError', () => {
  it.each([
    ErrorCode.ConnectionClosed,
    ErrorCode.ConnectionDraining,
    ErrorCode.ConnectionRefused,
    ErrorCode.Disconnect,
  ])('is true for a NatsError %s', (code) => {
    expect(isNatsUnavailableError(NatsError.errorForCode(code))).toBe(true);
  });

  it.each([ErrorCode.PermissionsViolation, ErrorCode.BadPayload, ErrorCode.NoResponders])(
    'is false for a NatsError %s',
    (code) => {
      expect(isNatsUnavailableError(NatsError.errorForCode(code))).toBe(false);
    },
  );
});

describe('what an outage turns into', () => {
  it('a database outage of a service is `unavailable` naming that service’s database', () => {
    const err = dependencyFailure(new MongoNetworkError('connect ECONNREFUSED'), 'tasks');
    expect(err).toBeInstanceOf(DomainError);
    expect(err?.toWire()).toEqual({
      code: 'unavailable',
      message: 'the tasks database is unavailable; try again shortly',
      details: { dependency: 'database', service: 'tasks' },
    });
    expect(dependencyFailure(new Error('a bug'), 'tasks')).toBeUndefined();
  });

  it('a handler’s database error crosses NATS as `unavailable`, a bug as `internal` without internals', () => {
    expect(toWireError(new MongoServerSelectionError('connect ECONNREFUSED', {} as never), 'funding')).toEqual(
      databaseUnavailable('funding').toWire(),
    );
    expect(toWireError(new Error('secret driver detail'), 'funding')).toEqual({
      code: 'internal',
      message: 'internal error',
    });
    expect(toWireError(new DomainError('not_found', 'task X-1 was not found'), 'tasks')).toEqual({
      code: 'not_found',
      message: 'task X-1 was not found',
    });
  });
});

describe('rpcFailure: why a request failed, as the caller sees it', () => {
  const def = { service: 'tasks', subject: 'rpc.tasks.task.move' };

  it('NATS down: the Nest client rejects with a bare string while reconnecting → `unavailable` naming NATS', () => {
    const err = rpcFailure('Error: Connection lost. Trying to reconnect...', def);
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/^NATS \(the message bus\) is unavailable, so tasks cannot be reached/);
    expect(err.details).toEqual({ dependency: 'nats' });
    expect(rpcFailure(NatsError.errorForCode(ErrorCode.ConnectionClosed), def)).toEqual(natsUnavailable('tasks'));
  });

  it('no answer in time, or no copy listening → `unavailable` naming the service', () => {
    const late = rpcFailure(new TimeoutError(), def);
    expect(late.code).toBe('unavailable');
    expect(late.message).toBe('tasks did not answer rpc.tasks.task.move in time');
    expect(late.details).toEqual({ dependency: 'service', service: 'tasks' });
    const nobody = rpcFailure(NatsError.errorForCode(ErrorCode.NoResponders), def);
    expect(nobody).toMatchObject({ code: 'unavailable', details: { dependency: 'service', service: 'tasks' } });
  });

  it('the service’s own error reply passes through as it is (its database outage included)', () => {
    const wire = databaseUnavailable('tasks').toWire();
    const err = rpcFailure(wire, def);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.toWire()).toEqual(wire);
    expect(rpcFailure({ code: 'conflict', message: 'no', details: { allowedMoves: [] } }, def).code).toBe('conflict');
  });

  it('a reply that is no wire error is a broken contract: `internal`', () => {
    expect(rpcFailure({ status: 'error', message: 'Internal server error' }, def).code).toBe('internal');
    expect(rpcFailure(undefined, def).code).toBe('internal');
  });
});

describe('isDependencyUnavailable (what an event consumer waits out instead of counting)', () => {
  it('counts the database, NATS and a service that does not answer', () => {
    expect(isDependencyUnavailable(new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed'))).toBe(true);
    expect(isDependencyUnavailable(NatsError.errorForCode(ErrorCode.ConnectionClosed))).toBe(true);
    expect(isDependencyUnavailable(new DomainError('unavailable', 'committee did not answer in time'))).toBe(true);
  });

  it('does not count a refused operation or a broken handler', () => {
    expect(isDependencyUnavailable(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(false);
    expect(isDependencyUnavailable(new TypeError("Cannot read properties of undefined (reading 'code')"))).toBe(false);
    expect(isDependencyUnavailable(new DomainError('conflict', 'the task changed meanwhile'))).toBe(false);
    expect(isDependencyUnavailable('boom')).toBe(false);
  });
});

describe('a socket the database closed under the driver', () => {
  it('is the database being unavailable', () => {
    const epipe = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
    epipe.stack = `Error: This socket has been ended by the other party
    at Socket.writeAfterFIN [as write] (node:net:566:14)
    at Connection.writeCommand (/srv/node_modules/.pnpm/mongodb@6.20.0/node_modules/mongodb/lib/cmap/connection.js:392:25)`;
    expect(isDatabaseUnavailableError(epipe)).toBe(true);
    // The same code from elsewhere (a file write, an HTTP client) is not the database.
    const other = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    other.stack = 'Error: write EPIPE\n    at WriteWrap.onWriteComplete (node:internal/stream_base_commons:94:16)';
    expect(isDatabaseUnavailableError(other)).toBe(false);
  });
});
