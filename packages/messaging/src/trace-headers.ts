import { context, propagation, type Context } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** Writes the active W3C trace context (traceparent/tracestate) into a plain record. */
export function currentTraceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** Builds NATS headers from a record (e.g. trace headers saved in an outbox entry). */
export function toNatsHeaders(record: Record<string, string | undefined>, into: MsgHdrs = natsHeaders()): MsgHdrs {
  for (const [k, v] of Object.entries(record)) if (v !== undefined && v !== '') into.set(k, v);
  return into;
}

/** Extracts the producer's trace context from NATS headers: the parent of the consumer span. */
export function contextFromNatsHeaders(h: MsgHdrs | undefined): Context {
  if (!h) return context.active();
  return propagation.extract(context.active(), h, {
    keys: (c) => c.keys(),
    get: (c, key) => {
      const v = c.get(key);
      return v === '' ? undefined : v;
    },
  });
}
