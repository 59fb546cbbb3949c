/** One entry of a problem's `errors`: which input (`path`) is wrong and why. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem as the gateway sends it (`application/problem+json`), with defaults for what was missing. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors: readonly FieldError[];
  /** Members beyond the standard ones (e.g. `allowedMoves` on a refused task move); absent when there are none. */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

function extensionMembers(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(body).filter(([key]) => !STANDARD_MEMBERS.has(key));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function stringField(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): FieldError[] => {
    if (entry === null || typeof entry !== 'object') return [];
    const { path, message } = entry as Record<string, unknown>;
    if (typeof message !== 'string' || message.trim() === '') return [];
    return [{ path: typeof path === 'string' ? path : '', message }];
  });
}

/**
 * Reads an error response. A proxy or a crashed upstream may answer with HTML or nothing at all, so anything that is
 * not a JSON object becomes a bare problem with the HTTP status; the HTTP status always wins over the body's.
 */
export function parseProblem(status: number, contentType: string | null, body: string): Problem {
  const bare: Problem = { type: 'about:blank', title: '', status, errors: [] };
  if (!contentType || !/[/+]json\b/i.test(contentType) || body.trim() === '') return bare;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return bare;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return bare;
  const record = parsed as Record<string, unknown>;
  return {
    type: stringField(record, 'type') ?? 'about:blank',
    title: stringField(record, 'title') ?? '',
    status,
    detail: stringField(record, 'detail'),
    instance: stringField(record, 'instance'),
    errors: fieldErrors(record.errors),
    extensions: extensionMembers(record),
  };
}

/**
 * The field an error path names, whatever spelling the server used: JSON Pointer (`/username`), a fragment
 * (`#/username`), a prefixed path (`body.username`) or the bare name.
 */
export function fieldName(path: string): string {
  const trimmed = path.trim().replace(/^#/, '');
  const segments = trimmed.split(/[/.]/).filter((segment) => segment !== '');
  if (segments[0] === 'body' && segments.length > 1) segments.shift();
  return segments.join('.');
}

/**
 * Seconds until a `Retry-After` allows another try: the header is either delay-seconds or an HTTP date.
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  // Every HTTP-date format starts with the day name; this keeps Date.parse from accepting "-5" or "1.5".
  if (!/^[A-Za-z]{3}\b/.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}
