import { startTelemetryForTests, type TestTelemetry } from '@aiplat/observability';
import { SpanKind, context, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OutboxRelay } from '../src';
import { eventually, openHarness, probeConsumer, testLogger, writeProbe, type Harness } from './harness';

describe('trace context across JetStream', () => {
  let telemetry: TestTelemetry;
  let h: Harness;
  beforeAll(async () => {
    telemetry = startTelemetryForTests({ serviceName: 'trace-test' });
    h = await openHarness(inject('natsUrl'), inject('mongoUrl'));
  });
  afterAll(async () => {
    await h.close();
    await telemetry.shutdown();
  });

  it("makes the producer's span the parent of the consumer's span", async () => {
    let handledInTrace: string | undefined;
    const consumer = probeConsumer(h, 'trace-consumer', async () => {
      handledInTrace = trace.getActiveSpan()?.spanContext().traceId;
    });
    await consumer.start();
    const relay = new OutboxRelay({
      js: h.nc.jetstream(),
      topology: h.topology,
      logger: testLogger,
      collections: [h.probes],
    });

    // The request that changes state: its span is active while the event is staged.
    const producer = trace.getTracer('test').startSpan('PATCH /api/v1/tasks/2020-3.2/status');
    const ctx = trace.setSpan(context.active(), producer);
    const staged = await context.with(ctx, () => writeProbe(h, 'traced-1', 1));
    producer.end();
    // Published later, outside the request's context (as the relay or a sweep would).
    await relay.dispatch(h.probes, 'traced-1', staged);

    await eventually(async () => handledInTrace !== undefined, 10_000, 'event handled');
    await consumer.stop();
    const spans = await telemetry.finishedSpans();
    const consumerSpan = spans.find((s) => s.kind === SpanKind.CONSUMER && s.name.includes('probe.happened'));
    expect(consumerSpan).toBeDefined();
    expect(consumerSpan!.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect(consumerSpan!.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);
    expect(handledInTrace).toBe(producer.spanContext().traceId);
  });
});
