import { extractTraceContext, injectTraceContext } from '@aiplat/observability';
import { context, type Context } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** The active W3C trace context (traceparent/tracestate) as a plain record, e.g. to keep in an outbox entry. */
export function currentTraceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  injectTraceContext(carrier, ctx);
  return carrier;
}

/** Builds NATS headers from a record (e.g. trace headers saved in an outbox entry). */
export function toNatsHeaders(record: Record<string, string | undefined>, into: MsgHdrs = natsHeaders()): MsgHdrs {
  for (const [k, v] of Object.entries(record)) if (v !== undefined && v !== '') into.set(k, v);
  return into;
}

/** The producer's trace context from NATS headers: the parent of the consumer's span. */
export function contextFromNatsHeaders(h: MsgHdrs | undefined): Context {
  return h ? extractTraceContext(h) : context.active();
}
