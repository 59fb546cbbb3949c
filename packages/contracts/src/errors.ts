import { z } from 'zod';

/**
 * Typed errors that cross service boundaries (NATS replies) and that the
 * gateway maps to HTTP. The code decides the HTTP status; the message is for people.
 */
export const ERROR_CODES = [
  'validation', // 400: the input is malformed
  'unauthenticated', // 401
  'forbidden', // 403
  'not_found', // 404
  'conflict', // 409: not allowed from the current state, or a duplicate
  'unprocessable', // 422: well-formed but breaks a business rule
  'rate_limited', // 429: too many attempts; retry later
  // 503: a dependency is down or timed out; safe to retry. `details.dependency` says which
  // ('nats', 'service' or 'database') and `details.service` whose (see @aiplat/messaging's dependency-errors).
  'unavailable',
  'internal', // 500: a bug; details are logged, never sent
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = Object.freeze({
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
});

export const issueSchema = z.object({ path: z.string(), message: z.string() }).strict();
export type Issue = z.infer<typeof issueSchema>;

/** The error body of a failed NATS request/reply. */
export const wireErrorSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.array(issueSchema).optional(),
    /** Extra machine-readable facts, e.g. the allowed moves for a `conflict`. */
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type WireError = z.infer<typeof wireErrorSchema>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toWire(): WireError {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }

  static fromWire(wire: WireError): DomainError {
    return new DomainError(wire.code, wire.message, wire.issues, wire.details);
  }
}

export const validationError = (message: string, issues?: Issue[]) => new DomainError('validation', message, issues);
export const notFound = (what: string) => new DomainError('not_found', `${what} was not found`);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', message, undefined, details);
export const unavailable = (message: string) => new DomainError('unavailable', message);

/** Turns zod issues into the wire shape: a dotted path and a message per problem. */
export function issuesFromZod(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}
