import { context, propagation, propagation as api, trace, type Context, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extractTraceContext, injectTraceContext, type HeaderMap } from './trace-context';

/** Behaves like NATS MsgHdrs: case-sensitive keys and '' for a missing key. */
class FakeMsgHdrs implements HeaderMap {
  private readonly values = new Map<string, string>();
  get(key: string): string {
    return this.values.get(key) ?? '';
  }
  set(key: string, value: string): void {
    this.values.set(key, value);
  }
  keys(): string[] {
    return [...this.values.keys()];
  }
}

const exporter = new InMemorySpanExporter();
const tracer = () => trace.getTracer('trace-context-test');

/** Runs `publish` inside an active producer span, as the messaging layer would. */
function withProducerSpan(publish: () => void): Span {
  return tracer().startActiveSpan('publish', (span) => {
    publish();
    span.end();
    return span;
  });
}

function consume(ctx: Context): Span {
  const span = tracer().startSpan('consume', {}, ctx);
  span.end();
  return span;
}

describe('trace context over message headers', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(
      new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
    );
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  });

  afterAll(() => {
    trace.disable();
    propagation.disable();
    context.disable();
  });

  beforeEach(() => exporter.reset());

  it('round-trips through a MsgHdrs-like object: same trace id, producer span as parent', () => {
    const headers = new FakeMsgHdrs();
    const producer = withProducerSpan(() => injectTraceContext(headers));

    expect(headers.get('traceparent')).toBe(`00-${producer.spanContext().traceId}-${producer.spanContext().spanId}-01`);

    const consumer = consume(extractTraceContext(headers));

    expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect(consumer.spanContext().spanId).not.toBe(producer.spanContext().spanId);
    const [exportedConsumer] = exporter.getFinishedSpans().filter((span) => span.name === 'consume');
    expect(exportedConsumer?.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    expect(exportedConsumer?.parentSpanContext?.isRemote).toBe(true);
  });

  it('round-trips through a plain record', () => {
    const headers: Record<string, string> = {};
    const producer = withProducerSpan(() => injectTraceContext(headers));

    const extracted = trace.getSpanContext(extractTraceContext(headers));

    expect(extracted?.traceId).toBe(producer.spanContext().traceId);
    expect(extracted?.spanId).toBe(producer.spanContext().spanId);
  });

  it('round-trips through setter and getter functions', () => {
    const store = new Map<string, string>();
    const producer = withProducerSpan(() => injectTraceContext((key, value) => store.set(key, value)));

    const extracted = trace.getSpanContext(extractTraceContext((key) => store.get(key)));

    expect(extracted?.traceId).toBe(producer.spanContext().traceId);
    expect(extracted?.spanId).toBe(producer.spanContext().spanId);
  });

  it('finds the header in a record whatever its casing', () => {
    const producer = withProducerSpan(() => undefined);
    const headers: Record<string, string> = {};
    injectTraceContext(headers, trace.setSpan(context.active(), producer));

    const extracted = trace.getSpanContext(extractTraceContext({ Traceparent: headers['traceparent'] }));

    expect(extracted?.traceId).toBe(producer.spanContext().traceId);
  });

  it('injects the context it is given rather than the active one', () => {
    const explicit = withProducerSpan(() => undefined);
    const headers = new FakeMsgHdrs();

    withProducerSpan(() => injectTraceContext(headers, trace.setSpan(context.active(), explicit)));

    expect(headers.get('traceparent')).toContain(explicit.spanContext().spanId);
  });

  it('carries baggage alongside the trace context', () => {
    const headers = new FakeMsgHdrs();
    const withBaggage = api.setBaggage(context.active(), api.createBaggage({ tenant: { value: 'city-a' } }));

    injectTraceContext(headers, withBaggage);

    expect(api.getBaggage(extractTraceContext(headers))?.getEntry('tenant')?.value).toBe('city-a');
  });

  it('writes nothing outside a span and extracts no parent from empty headers', () => {
    const headers = new FakeMsgHdrs();
    injectTraceContext(headers);
    expect(headers.keys()).toEqual([]);

    const extracted = extractTraceContext(headers);
    expect(trace.getSpanContext(extracted)).toBeUndefined();

    const consumer = consume(extracted);
    const [exported] = exporter.getFinishedSpans();
    expect(consumer.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(exported?.parentSpanContext).toBeUndefined();
  });

  it('ignores a malformed traceparent', () => {
    expect(trace.getSpanContext(extractTraceContext({ traceparent: 'not-a-trace' }))).toBeUndefined();
  });
});
