import type { IncomingMessage } from 'node:http';
import { context, metrics, propagation, trace } from '@opentelemetry/api';
import {
  CompositePropagator,
  getBooleanFromEnv,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { LIVENESS_PATH, READINESS_PATH } from './health-paths';
import { metricExportTimingFromEnv, otlpExportConfigFromEnv, type OtlpExportConfig } from './otlp-export-config';
import { buildServiceResource, type ServiceIdentity } from './service-resource';

export interface TelemetryOptions extends ServiceIdentity {
  /**
   * Added next to the OTLP exporter (if any). Tests pass a SimpleSpanProcessor
   * over an InMemorySpanExporter here to inspect finished spans.
   */
  spanProcessors?: SpanProcessor[];
}

export interface TelemetryHandle {
  /** False when `OTEL_SDK_DISABLED=true`: the API stays no-op and spans carry no ids. */
  readonly enabled: boolean;
  readonly serviceName: string;
  /** Which signals leave the process; both false when no OTLP endpoint is configured. */
  readonly exporting: OtlpExportConfig;
  /** Flushes pending telemetry and releases the global registrations. Safe to call twice. */
  shutdown(): Promise<void>;
}

let current: TelemetryHandle | undefined;

/**
 * Starts the OpenTelemetry SDK once per process; later calls return the first
 * handle and ignore their options. Instrumentation works by patching modules
 * as they are required, so this must run before Nest, mongodb or anything
 * else that loads `http`/`mongodb` — preferably via `--require
 * @aiplat/observability/dist/register.js`.
 */
export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  current ??= getBooleanFromEnv('OTEL_SDK_DISABLED') ? disabledTelemetry(options) : startSdk(options);
  return current;
}

export function getTelemetry(): TelemetryHandle | undefined {
  return current;
}

/** For shutdown hooks that did not keep the handle (e.g. when started by register.js). */
export async function shutdownTelemetry(): Promise<void> {
  await current?.shutdown();
}

function startSdk(options: TelemetryOptions): TelemetryHandle {
  const exporting = otlpExportConfigFromEnv();
  const instrumentations = [
    new HttpInstrumentation({ ignoreIncomingRequestHook: isProbeRequest }),
    // Statement values stay out of spans by default (enhancedDatabaseReporting off): they may hold personal data.
    new MongoDBInstrumentation(),
  ];
  const sdk = new NodeSDK({
    resource: buildServiceResource(options),
    textMapPropagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
    instrumentations,
    spanProcessors: spanProcessorsFor(exporting, options.spanProcessors ?? []),
    // An explicit empty list stops the SDK from defaulting to OTLP exporters.
    metricReaders: exporting.metrics ? [otlpMetricReader()] : [],
    logRecordProcessors: [],
  });
  sdk.start();

  let stopping: Promise<void> | undefined;
  const handle: TelemetryHandle = {
    enabled: true,
    serviceName: options.serviceName,
    exporting,
    shutdown: () => (stopping ??= stop()),
  };
  const stop = async (): Promise<void> => {
    try {
      await sdk.shutdown();
    } finally {
      for (const instrumentation of instrumentations) instrumentation.disable();
      // NodeSDK leaves its globals registered; releasing them lets a later start
      // (another test file, a restarted worker) register fresh ones.
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
      if (current === handle) current = undefined;
    }
  };
  return handle;
}

function spanProcessorsFor(exporting: OtlpExportConfig, extra: SpanProcessor[]): SpanProcessor[] {
  const processors = exporting.traces ? [new BatchSpanProcessor(new OTLPTraceExporter()), ...extra] : [...extra];
  // NodeSDK registers no tracer provider without a processor, and then no trace
  // ids exist to propagate or log; a no-op processor keeps the provider real.
  return processors.length > 0 ? processors : [new NoopSpanProcessor()];
}

function otlpMetricReader(): PeriodicExportingMetricReader {
  return new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), ...metricExportTimingFromEnv() });
}

function disabledTelemetry(options: TelemetryOptions): TelemetryHandle {
  const handle: TelemetryHandle = {
    enabled: false,
    serviceName: options.serviceName,
    exporting: { traces: false, metrics: false },
    shutdown: async () => {
      if (current === handle) current = undefined;
    },
  };
  return handle;
}

/** Probes hit every few seconds; tracing them would drown real traffic. */
function isProbeRequest(request: IncomingMessage): boolean {
  const path = (request.url ?? '').split('?', 1)[0];
  return path === LIVENESS_PATH || path === READINESS_PATH;
}
