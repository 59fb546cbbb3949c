import { DomainError } from '@aiplat/contracts';

/**
 * Telling an outage of a dependency (the database, NATS) from a bug, by the error's name, labels
 * and codes rather than `instanceof`: mongoose, the services and the gateway may each load their
 * own copy of the driver, and an error may arrive wrapped (`cause`, `reason`).
 */

/** MongoDB driver (and mongoose) errors that mean "the database cannot be reached right now". */
const DATABASE_UNAVAILABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoClientClosedError',
  'MongoPoolClearedError',
  'PoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoPoolClosedError',
  'PoolClosedError',
  'MongoWaitQueueTimeoutError',
  'WaitQueueTimeoutError',
  // The client-side operation timeout (`timeoutMS`) ran out waiting for the server.
  'MongoOperationTimeoutError',
]);

/** Error labels the driver (6.x and 7.x) and the server attach to errors that a retry may get past. */
const DATABASE_RETRYABLE_LABELS = [
  'ResetPool',
  'RetryableWriteError',
  'PoolRequstedRetry',
  'PoolRequestedRetry',
  'SystemOverloadedError',
  'RetryableError',
  'InterruptInUseConnections',
];

/**
 * Server codes of a node that is stepping down, shutting down, unreachable or not (yet) primary: the
 * driver's retryable read/write codes (HostUnreachable, HostNotFound, NetworkTimeout,
 * ShutdownInProgress, PrimarySteppedDown, ExceededTimeLimit, SocketException, NotWritablePrimary,
 * InterruptedAtShutdown, InterruptedDueToReplStateChange, NotPrimaryNoSecondaryOk,
 * NotPrimaryOrSecondary, ReadConcernMajorityNotAvailableYet) and LegacyNotPrimary.
 */
const DATABASE_RETRYABLE_CODES = new Set([6, 7, 89, 91, 134, 189, 262, 9001, 10058, 10107, 11600, 11602, 13435, 13436]);

/** mongoose's own wording when an operation waited for a connection that never came back. */
const MONGOOSE_UNAVAILABLE_MESSAGES = [/buffering timed out after/i, /^Connection was force closed/i];

/**
 * Node's own socket errors, which the driver lets through when it writes to a connection the
 * server has just closed ("This socket has been ended by the other party", EPIPE).
 */
const SOCKET_ERROR_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTCONN']);
const DRIVER_FRAME = /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(?:mongodb|mongoose)[\\/]/;

/** nats.js codes of a connection that is down, closing or refused. */
const NATS_UNAVAILABLE_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DRAINING',
  'CONNECTION_REFUSED',
  'CONNECTION_TIMEOUT',
  'DISCONNECT',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  reason?: unknown;
  errorLabels?: unknown;
  errorLabelSet?: unknown;
  hasErrorLabel?: unknown;
}

/** The error, then what it wraps (`cause`, mongoose's `reason`), a few levels deep. */
function* chain(err: unknown): Generator<ErrorLike> {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const e = current as ErrorLike;
    yield e;
    current = e.cause ?? (e.reason instanceof Error ? e.reason : undefined);
  }
}

function hasLabel(e: ErrorLike, label: string): boolean {
  if (typeof e.hasErrorLabel === 'function') {
    try {
      if ((e.hasErrorLabel as (l: string) => boolean).call(e, label)) return true;
    } catch {
      // a foreign object with a method of that name: fall back to the fields
    }
  }
  if (e.errorLabelSet instanceof Set && e.errorLabelSet.has(label)) return true;
  return Array.isArray(e.errorLabels) && e.errorLabels.includes(label);
}

/** True when `err` says the database is unreachable, closed, overloaded or failing over: retry later. */
export function isDatabaseUnavailableError(err: unknown): boolean {
  for (const e of chain(err)) {
    if (typeof e.name === 'string' && DATABASE_UNAVAILABLE_NAMES.has(e.name)) return true;
    const isMongoError = typeof e.name === 'string' && /^Mongo/.test(e.name);
    if (isMongoError && typeof e.code === 'number' && DATABASE_RETRYABLE_CODES.has(e.code)) return true;
    if (isMongoError && DATABASE_RETRYABLE_LABELS.some((l) => hasLabel(e, l))) return true;
    if (e.name === 'MongooseError' && typeof e.message === 'string') {
      const message = e.message;
      if (MONGOOSE_UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
    }
    // A raw socket error raised inside the driver (its stack says where).
    const stack = (e as { stack?: unknown }).stack;
    if (
      typeof e.code === 'string' &&
      SOCKET_ERROR_CODES.has(e.code) &&
      typeof stack === 'string' &&
      DRIVER_FRAME.test(stack)
    ) {
      return true;
    }
  }
  return false;
}

/** True when `err` is a nats.js error of a connection that is down (not a refusal or a bad request). */
export function isNatsUnavailableError(err: unknown): boolean {
  for (const e of chain(err)) {
    if (e.name === 'NatsError' && typeof e.code === 'string' && NATS_UNAVAILABLE_CODES.has(e.code)) return true;
  }
  return false;
}

/** `unavailable`: the database of `service` (e.g. `tasks`, `gateway`) cannot be reached. */
export function databaseUnavailable(service: string): DomainError {
  return new DomainError('unavailable', `the ${service} database is unavailable; try again shortly`, undefined, {
    dependency: 'database',
    service,
  });
}

/** `unavailable`: NATS cannot be reached (`target`: what could therefore not be reached, e.g. `tasks`). */
export function natsUnavailable(target?: string): DomainError {
  const what = target ? `, so ${target} cannot be reached` : '';
  return new DomainError('unavailable', `NATS (the message bus) is unavailable${what}; try again shortly`, undefined, {
    dependency: 'nats',
  });
}

/** `unavailable`: `service` itself did not answer (no copy running, or too slow). */
export function serviceUnavailable(service: string, message: string): DomainError {
  return new DomainError('unavailable', message, undefined, { dependency: 'service', service });
}

/**
 * A dependency failure as the `unavailable` error to answer with, or undefined when `err` is not
 * one (then it is a bug, or a refusal handled elsewhere). `service` owns the database, if any.
 */
export function dependencyFailure(err: unknown, service: string): DomainError | undefined {
  if (isDatabaseUnavailableError(err)) return databaseUnavailable(service);
  if (isNatsUnavailableError(err)) return natsUnavailable();
  return undefined;
}

/**
 * True when a failure says a dependency is down — the database, NATS, or another service that did
 * not answer (`unavailable`) — rather than that the work itself is wrong. An event consumer waits
 * such a failure out instead of counting it toward parking the event.
 */
export function isDependencyUnavailable(err: unknown): boolean {
  if (isDatabaseUnavailableError(err) || isNatsUnavailableError(err)) return true;
  return err instanceof DomainError && err.code === 'unavailable';
}
