import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getTelemetry, shutdownTelemetry, startTelemetry } from './telemetry';
import { startTelemetryForTests } from './telemetry-for-tests';
import { extractTraceContext, injectTraceContext } from './trace-context';

const OTLP_VARIABLES = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
  'OTEL_SDK_DISABLED',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
];

function clearOtelEnv(): void {
  for (const variable of OTLP_VARIABLES) vi.stubEnv(variable, undefined);
}

describe('startTelemetry', () => {
  afterEach(async () => {
    await shutdownTelemetry();
    vi.unstubAllEnvs();
  });

  it('creates real trace ids and exports nothing when no OTLP endpoint is set', () => {
    clearOtelEnv();
    const handle = startTelemetry({ serviceName: 'tasks' });

    expect(handle).toMatchObject({ enabled: true, exporting: { traces: false, metrics: false } });
    const span = trace.getTracer('t').startSpan('work');
    span.end();
    expect(isSpanContextValid(span.spanContext())).toBe(true);
  });

  it('starts once: a second call returns the first handle', () => {
    clearOtelEnv();
    const first = startTelemetry({ serviceName: 'tasks' });

    expect(startTelemetry({ serviceName: 'other' })).toBe(first);
    expect(getTelemetry()).toBe(first);
  });

  it('can start again after shutdown, and shutdown twice is harmless', async () => {
    clearOtelEnv();
    const first = startTelemetry({ serviceName: 'tasks' });
    await first.shutdown();
    await first.shutdown();
    expect(getTelemetry()).toBeUndefined();

    const second = startTelemetry({ serviceName: 'tasks' });
    expect(second).not.toBe(first);
    const span = trace.getTracer('t').startSpan('after restart');
    expect(isSpanContextValid(span.spanContext())).toBe(true);
    span.end();
  });

  it('registers the W3C trace-context propagator', () => {
    clearOtelEnv();
    startTelemetry({ serviceName: 'tasks' });
    const headers: Record<string, string> = {};

    const span = trace.getTracer('t').startActiveSpan('publish', (active) => {
      injectTraceContext(headers);
      active.end();
      return active;
    });

    expect(headers['traceparent']).toMatch(
      new RegExp(`^00-${span.spanContext().traceId}-${span.spanContext().spanId}-01$`),
    );
    expect(trace.getSpanContext(extractTraceContext(headers))?.traceId).toBe(span.spanContext().traceId);
  });

  it('stays off when OTEL_SDK_DISABLED=true', () => {
    clearOtelEnv();
    vi.stubEnv('OTEL_SDK_DISABLED', 'true');
    const handle = startTelemetry({ serviceName: 'tasks' });

    expect(handle.enabled).toBe(false);
    const span = trace.getTracer('t').startSpan('work');
    expect(isSpanContextValid(span.spanContext())).toBe(false);
  });

  it('exports spans over OTLP/HTTP when an endpoint is configured', async () => {
    clearOtelEnv();
    const requests: { path: string | undefined; body: string }[] = [];
    const collector = await startCollector(async (request) => {
      requests.push({ path: request.url, body: await readBody(request) });
    });
    try {
      vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', collector.url);
      vi.stubEnv('OTEL_METRICS_EXPORTER', 'none');
      const handle = startTelemetry({ serviceName: 'tasks' });
      expect(handle.exporting).toEqual({ traces: true, metrics: false });

      const span = trace.getTracer('t').startSpan('exported-span');
      span.end();
      await handle.shutdown();

      const traceRequest = requests.find((request) => request.path === '/v1/traces');
      expect(traceRequest?.body).toContain('exported-span');
      expect(traceRequest?.body).toContain(span.spanContext().traceId);
    } finally {
      await collector.close();
    }
  });

  it('exports metrics only when a metrics endpoint is configured', () => {
    clearOtelEnv();
    vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', 'http://127.0.0.1:1/v1/metrics');

    expect(startTelemetry({ serviceName: 'tasks' }).exporting).toEqual({ traces: false, metrics: true });
  });
});

describe('startTelemetryForTests', () => {
  afterEach(async () => {
    await shutdownTelemetry();
    vi.unstubAllEnvs();
  });

  it('records finished spans with the service resource', async () => {
    clearOtelEnv();
    vi.stubEnv('DEPLOYMENT_ENVIRONMENT', 'staging');
    const telemetry = startTelemetryForTests({ serviceName: 'experts' });

    trace.getTracer('t').startActiveSpan('parent', (parent) => {
      trace.getTracer('t').startSpan('child').end();
      parent.end();
    });

    const spans = await telemetry.finishedSpans();
    expect(spans.map((span) => span.name)).toEqual(['child', 'parent']);
    const [child, parent] = spans;
    expect(child?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(parent?.resource.attributes).toMatchObject({
      [ATTR_SERVICE_NAME]: 'experts',
      'deployment.environment.name': 'staging',
    });
    expect(parent?.resource.attributes).not.toHaveProperty(ATTR_SERVICE_VERSION);

    telemetry.reset();
    expect(await telemetry.finishedSpans()).toEqual([]);
  });

  it('refuses to start when telemetry is already running', () => {
    clearOtelEnv();
    startTelemetry({ serviceName: 'tasks' });

    expect(() => startTelemetryForTests()).toThrow(/already started/);
  });
});

async function startCollector(
  onRequest: (request: IncomingMessage) => Promise<void>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    void onRequest(request).then(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
