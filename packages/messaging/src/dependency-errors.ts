import { DomainError } from '@aiplat/contracts';

/**
 * The MongoDB driver's (and mongoose's) errors that mean "the database cannot be reached right
 * now", not "this operation is wrong": server selection, the network, a closed or cleared pool.
 * Matched by name because the driver's classes may come from more than one copy of the package.
 */
const DATABASE_UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoWaitQueueTimeoutError',
]);

/** NATS client error codes for a connection that is down or a request nobody answered in time. */
const NATS_UNREACHABLE = new Set(['CONNECTION_CLOSED', 'CONNECTION_DRAINING', 'DISCONNECT', 'TIMEOUT', '503']);

/** True when the database the error came from could not be reached (as opposed to a refused operation). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (DATABASE_UNREACHABLE.has(err.name)) return true;
  // mongoose queues operations while disconnected and fails them with this after its buffer timeout.
  if (err.name === 'MongooseError' && /buffering timed out/i.test(err.message)) return true;
  const labels = (err as { errorLabelSet?: Set<string> }).errorLabelSet;
  return labels instanceof Set && (labels.has('ResetPool') || labels.has('PoolRequstedRetry'));
}

/**
 * True when a failure says a dependency is down — the database, NATS, or another service that did
 * not answer — rather than that the work itself is wrong. Such a failure is waited out, never
 * counted toward parking an event.
 */
export function isDependencyUnavailable(err: unknown): boolean {
  if (isDatabaseUnavailable(err)) return true;
  if (err instanceof DomainError) return err.code === 'unavailable';
  const code = (err as { code?: unknown } | undefined)?.code;
  return err instanceof Error && typeof code === 'string' && NATS_UNREACHABLE.has(code);
}
