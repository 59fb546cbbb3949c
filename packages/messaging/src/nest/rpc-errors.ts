import { DomainError, issuesFromZod, wireErrorSchema, type WireError } from '@aiplat/contracts';
import { ZodError } from 'zod';
import { dependencyFailure } from '../dependency-errors';

/**
 * Any error thrown by a handler → the typed wire error sent back to the caller. `service` names the
 * answering service, so that an outage of its database is reported as "the <service> database is
 * unavailable" (`unavailable`, 503 at the gateway) rather than as a bug.
 */
export function toWireError(err: unknown, service = 'service'): WireError {
  if (err instanceof DomainError) return err.toWire();
  if (err instanceof ZodError) {
    return { code: 'validation', message: 'the request is invalid', issues: issuesFromZod(err) };
  }
  const outage = dependencyFailure(err, service);
  if (outage) return outage.toWire();
  // Never leak internals (stack, driver messages) across the boundary: they are logged instead.
  return { code: 'internal', message: 'internal error' };
}

/** What came back from a failed request → a DomainError the caller can branch on. */
export function fromWireError(payload: unknown): DomainError {
  const parsed = wireErrorSchema.safeParse(payload);
  if (parsed.success) return DomainError.fromWire(parsed.data);
  return new DomainError('internal', 'the service replied with an unrecognised error');
}
