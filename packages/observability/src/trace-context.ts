import { context, propagation, type Context, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';

/**
 * The part of a NATS `MsgHdrs` this package relies on, declared here so the
 * package does not depend on `nats`. Like `MsgHdrs`, `get` may answer `''`
 * for a missing key.
 */
export interface HeaderMap {
  get(key: string): string;
  set(key: string, value: string): void;
  keys(): string[];
}

export type TraceContextSetter = (key: string, value: string) => void;
export type TraceContextGetter = (key: string) => string | undefined;

export type InjectTarget = TraceContextSetter | HeaderMap | Record<string, string>;
export type ExtractSource =
  TraceContextGetter | HeaderMap | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Writes the trace context (traceparent, tracestate, baggage) of `ctx` into
 * outgoing message headers. Uses the globally registered propagator, so it
 * writes nothing until telemetry is started.
 */
export function injectTraceContext(target: InjectTarget, ctx: Context = context.active()): void {
  if (typeof target === 'function') {
    propagation.inject(ctx, target, functionSetter);
  } else if (isHeaderMap(target)) {
    propagation.inject(ctx, target, headerMapSetter);
  } else {
    propagation.inject(ctx, target, recordSetter);
  }
}

/**
 * Reads the trace context from incoming message headers. Start the consumer
 * span with the returned context (or run the handler in it via
 * `context.with`) so it becomes a child of the producer's span.
 */
export function extractTraceContext(source: ExtractSource, parent: Context = context.active()): Context {
  if (typeof source === 'function') return propagation.extract(parent, source, functionGetter);
  if (isHeaderMap(source)) return propagation.extract(parent, source, headerMapGetter);
  return propagation.extract(parent, source, recordGetter);
}

function isHeaderMap(carrier: object): carrier is HeaderMap {
  const candidate = carrier as Partial<Record<keyof HeaderMap, unknown>>;
  return (
    typeof candidate.get === 'function' && typeof candidate.set === 'function' && typeof candidate.keys === 'function'
  );
}

const functionSetter: TextMapSetter<TraceContextSetter> = {
  set: (setter, key, value) => setter(key, value),
};

const headerMapSetter: TextMapSetter<HeaderMap> = {
  set: (headers, key, value) => headers.set(key, value),
};

const recordSetter: TextMapSetter<Record<string, string>> = {
  set: (record, key, value) => {
    record[key] = value;
  },
};

const functionGetter: TextMapGetter<TraceContextGetter> = {
  // A bare getter cannot enumerate; W3C propagation only looks up known keys.
  keys: () => [],
  get: (getter, key) => emptyAsMissing(getter(key)),
};

const headerMapGetter: TextMapGetter<HeaderMap> = {
  keys: (headers) => headers.keys(),
  get: (headers, key) => emptyAsMissing(headers.get(key)),
};

const recordGetter: TextMapGetter<Readonly<Record<string, string | readonly string[] | undefined>>> = {
  keys: (record) => Object.keys(record),
  get: (record, key) => {
    const value = record[key] ?? record[findKeyIgnoringCase(record, key) ?? key];
    if (value === undefined) return undefined;
    return typeof value === 'string' ? emptyAsMissing(value) : [...value];
  },
};

/** Headers copied from HTTP-style sources may not be lower-cased like the W3C keys. */
function findKeyIgnoringCase(record: object, key: string): string | undefined {
  const wanted = key.toLowerCase();
  return Object.keys(record).find((candidate) => candidate.toLowerCase() === wanted);
}

function emptyAsMissing(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
