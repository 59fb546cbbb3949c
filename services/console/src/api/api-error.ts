import type { Problem } from './problem';

/** A request that did not succeed: either no answer (`network`) or an error status with its problem. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: 'network' | 'http',
    /** The `X-Request-Id` this request was sent with, so a user can quote it and logs can be searched for it. */
    readonly requestId: string,
    readonly problem?: Problem,
    /** From `Retry-After`, in seconds, on 429 and 503. */
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(
      kind === 'network' ? 'network error' : `HTTP ${problem?.status ?? '?'} ${problem?.title ?? ''}`.trim(),
      options,
    );
  }

  get status(): number | undefined {
    return this.problem?.status;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
