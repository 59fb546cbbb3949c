import { DomainError, HTTP_STATUS_BY_CODE, issuesFromZod, type ErrorCode, type Issue } from '@aiplat/contracts';
import { dependencyFailure } from '@aiplat/messaging';
import { ZodError } from 'zod';

/** RFC 9457 problem details: every error the API returns has this shape and content type. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: Issue[];
  /** Machine-readable extras, e.g. the moves allowed from a task's current state. */
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `Retry-After` of a 503: outages of NATS or a database are usually over within seconds (reconnects, failover). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/**
 * A problem with `code` (the error code of its status, when there is one) and, on a 503,
 * `retryAfterSeconds`, which the filter also sends as `Retry-After`.
 */
export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  const code = Object.entries(HTTP_STATUS_BY_CODE).find(([, s]) => s === status)?.[0];
  return {
    type: `https://aiplat.example/problems/${code ?? `http-${status}`}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(code ? { code } : {}),
    ...(status === 503 ? { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS } : {}),
    ...extra,
  };
}

/**
 * Any thrown value → a problem; internals are never exposed. An outage of a dependency is a 503
 * whose `dependency` (`nats`, `service`, `database`) and `service` say what is down.
 */
export function toProblem(err: unknown): Problem {
  if (err instanceof DomainError) {
    // Details extend the problem but never replace its standard members (type, status, …).
    const {
      type: _t,
      title: _ti,
      status: _s,
      detail: _d,
      instance: _i,
      errors: _e,
      code: _c,
      ...details
    } = err.details ?? {};
    return problem(HTTP_STATUS_BY_CODE[err.code as ErrorCode], err.message, {
      ...details,
      ...(err.issues ? { errors: err.issues } : {}),
    });
  }
  if (err instanceof ZodError) return problem(400, 'the request is invalid', { errors: issuesFromZod(err) });
  const e = err as { statusCode?: number; status?: number; code?: string; message?: string } | undefined;
  const status = e?.statusCode ?? e?.status;
  // Fastify's own errors (body too large, bad JSON, wrong content type) carry a 4xx status and a safe message.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problem(status, fastifyMessage(e?.code, e?.message ?? 'bad request'));
  }
  // The gateway's own database (identity, sessions, audit, idempotency keys) or NATS down: 503, not a bug.
  const outage = dependencyFailure(err, 'gateway');
  if (outage) return toProblem(outage);
  return problem(500, 'an unexpected error occurred; it has been logged with the request id');
}

function fastifyMessage(code: string | undefined, message: string): string {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'the request body is larger than the gateway accepts';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'send JSON with Content-Type: application/json';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the JSON body is empty';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return 'a path parameter is longer than any the API takes';
    default:
      return /JSON/i.test(message) ? 'the body is not valid JSON' : message;
  }
}
