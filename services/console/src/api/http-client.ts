import { v4 as uuidv4 } from 'uuid';
import { ApiError } from './api-error';
import { parseProblem, parseRetryAfter } from './problem';

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly accessToken?: string;
  readonly signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The answer is a file (an export): `data` is its `Blob`. Errors still come as problem+json. */
  readonly file?: boolean;
}

export interface ApiResponse<T> {
  readonly data: T;
  readonly response: Response;
  readonly requestId: string;
  /** Client clock when the response arrived, for token timing. */
  readonly receivedAt: number;
}

/**
 * One HTTP call to the gateway. Every request carries a fresh `X-Request-Id` (the gateway logs it and passes it on
 * as the correlation id of the events it causes). Errors come back as `ApiError`, with the problem+json parsed.
 * `uuid` rather than `crypto.randomUUID()`: the latter exists only in secure contexts, and an intranet deployment
 * over plain HTTP is not one.
 */
export async function sendRequest<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const requestId = uuidv4();
  const headers = new Headers(options.headers);
  headers.set('Accept', options.file ? '*/*' : 'application/json, application/problem+json');
  headers.set('X-Request-Id', requestId);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (options.accessToken) headers.set('Authorization', `Bearer ${options.accessToken}`);

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin', // the refresh cookie
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (cause) {
    throw new ApiError('network', requestId, undefined, undefined, { cause });
  }
  const receivedAt = Date.now();
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    const problem = parseProblem(response.status, response.headers.get('Content-Type'), text);
    throw new ApiError('http', requestId, problem, parseRetryAfter(response.headers.get('Retry-After'), receivedAt));
  }
  if (options.file) {
    try {
      return { data: (await response.blob()) as T, response, requestId, receivedAt };
    } catch (cause) {
      throw new ApiError('network', requestId, undefined, undefined, { cause });
    }
  }
  const text = await response.text().catch(() => '');
  if (text === '') return { data: undefined as T, response, requestId, receivedAt };
  try {
    return { data: JSON.parse(text) as T, response, requestId, receivedAt };
  } catch (cause) {
    const problem = { type: 'about:blank', title: 'Response is not JSON', status: response.status, errors: [] };
    throw new ApiError('http', requestId, problem, undefined, { cause });
  }
}
