import { DomainError, issuesFromZod, wireErrorSchema, type WireError } from '@aiplat/contracts';
import { ZodError } from 'zod';

/** Any error thrown by a handler → the typed wire error sent back to the caller. */
export function toWireError(err: unknown): WireError {
  if (err instanceof DomainError) return err.toWire();
  if (err instanceof ZodError) {
    return { code: 'validation', message: 'the request is invalid', issues: issuesFromZod(err) };
  }
  // Never leak internals (stack, driver messages) across the boundary: they are logged instead.
  return { code: 'internal', message: 'internal error' };
}

/** What came back from a failed request → a DomainError the caller can branch on. */
export function fromWireError(payload: unknown): DomainError {
  const parsed = wireErrorSchema.safeParse(payload);
  if (parsed.success) return DomainError.fromWire(parsed.data);
  return new DomainError('internal', 'the service replied with an unrecognised error');
}
