import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { getTelemetry, startTelemetry, type TelemetryHandle } from './telemetry';

export interface TestTelemetry {
  readonly handle: TelemetryHandle;
  readonly exporter: InMemorySpanExporter;
  /** Waits for spans still being exported, then returns all recorded so far. */
  finishedSpans(): Promise<ReadableSpan[]>;
  /** Forgets the spans recorded so far. */
  reset(): void;
  shutdown(): Promise<void>;
}

/**
 * Starts the real SDK (same propagators and instrumentations as production)
 * with spans also recorded in memory.
 */
export function startTelemetryForTests(options: { serviceName?: string } = {}): TestTelemetry {
  // Telemetry starts once per process, so an earlier start would silently keep
  // this exporter out of the pipeline and every span assertion would fail.
  if (getTelemetry() !== undefined) {
    throw new Error('telemetry is already started in this process; shut it down before startTelemetryForTests()');
  }
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(exporter);
  const handle = startTelemetry({ serviceName: options.serviceName ?? 'test', spanProcessors: [processor] });
  if (!handle.enabled) {
    throw new Error('OTEL_SDK_DISABLED=true: startTelemetryForTests() cannot record spans');
  }
  return {
    handle,
    exporter,
    finishedSpans: async () => {
      // Export of an ended span is deferred until resource detection (e.g. host.id) settles.
      await processor.forceFlush();
      return exporter.getFinishedSpans();
    },
    reset: () => exporter.reset(),
    shutdown: () => handle.shutdown(),
  };
}
