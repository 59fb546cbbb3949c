import type { GatewayRequest } from '../http/request-context';

/** One field an audited edit changed, its values as text (long ones cut). */
export interface AuditChange {
  field: string;
  from?: string;
  to?: string;
}

/** Fields whose values never enter the audit log: secrets and personal contact details. */
const NEVER_RECORDED = /password|secret|token|phone|mobile|email|wechat|contact/i;
const MAX_VALUE_LENGTH = 500;

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

/**
 * The fields of `fields` whose value differs between `before` and `after`, from → to. A field that
 * must not be recorded is listed as changed without its values.
 */
export function changesBetween(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): AuditChange[] {
  return fields.flatMap((field): AuditChange[] => {
    const from = asText(before[field]);
    const to = asText(after[field]);
    if (from === to) return [];
    if (NEVER_RECORDED.test(field)) return [{ field }];
    return [{ field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }];
  });
}

/** Keeps an edit's changes on the request, for the audit record written when the answer is sent. */
export function auditChanges(
  req: GatewayRequest,
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): void {
  req.auditChanges = changesBetween(before, after, fields);
}
