import { getNumberFromEnv, getStringFromEnv, getStringListFromEnv } from '@opentelemetry/core';

export interface OtlpExportConfig {
  traces: boolean;
  metrics: boolean;
}

/**
 * Export is opt-in: without an endpoint the OTLP exporters would fall back to
 * localhost:4318 and log a connection error on every batch, which is noise on
 * developer machines and in tests.
 */
export function otlpExportConfigFromEnv(): OtlpExportConfig {
  const anySignal = getStringFromEnv('OTEL_EXPORTER_OTLP_ENDPOINT') !== undefined;
  return {
    traces:
      (anySignal || getStringFromEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') !== undefined) &&
      !exporterTurnedOff('OTEL_TRACES_EXPORTER'),
    metrics:
      (anySignal || getStringFromEnv('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT') !== undefined) &&
      !exporterTurnedOff('OTEL_METRICS_EXPORTER'),
  };
}

function exporterTurnedOff(variable: string): boolean {
  const exporters = getStringListFromEnv(variable) ?? [];
  return exporters.length > 0 && exporters.every((name) => name === 'none');
}

export interface MetricExportTiming {
  exportIntervalMillis: number;
  exportTimeoutMillis: number;
}

const DEFAULT_METRIC_EXPORT_INTERVAL_MS = 60_000;
const DEFAULT_METRIC_EXPORT_TIMEOUT_MS = 30_000;

export function metricExportTimingFromEnv(): MetricExportTiming {
  const exportIntervalMillis =
    positiveNumberFromEnv('OTEL_METRIC_EXPORT_INTERVAL') ?? DEFAULT_METRIC_EXPORT_INTERVAL_MS;
  const exportTimeoutMillis = positiveNumberFromEnv('OTEL_METRIC_EXPORT_TIMEOUT') ?? DEFAULT_METRIC_EXPORT_TIMEOUT_MS;
  // The reader rejects a timeout longer than its interval.
  return { exportIntervalMillis, exportTimeoutMillis: Math.min(exportTimeoutMillis, exportIntervalMillis) };
}

function positiveNumberFromEnv(variable: string): number | undefined {
  const value = getNumberFromEnv(variable);
  return value !== undefined && value > 0 ? value : undefined;
}
