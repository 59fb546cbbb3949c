export { createLogger, type CreateLoggerOptions, type LogDestination, type Logger, type LogLevel } from './logger';
export { REDACTED, SECRET_FIELD_NAMES, SECRET_REDACT_PATHS } from './secret-paths';
export {
  getTelemetry,
  shutdownTelemetry,
  startTelemetry,
  type TelemetryHandle,
  type TelemetryOptions,
} from './telemetry';
export { startTelemetryForTests, type TestTelemetry } from './telemetry-for-tests';
export type { OtlpExportConfig } from './otlp-export-config';
export type { ServiceIdentity } from './service-resource';
export {
  DEFAULT_CHECK_TIMEOUT_MS,
  HealthRegistry,
  type CheckReport,
  type HealthCheck,
  type HealthCheckResult,
  type HealthRegistryOptions,
  type LivenessReport,
  type ReadinessReport,
  type RegisterCheckOptions,
} from './health-registry';
export { LIVENESS_PATH, READINESS_PATH } from './health-paths';
export { startHealthServer, type HealthServer, type HealthServerOptions } from './health-server';
export {
  extractTraceContext,
  injectTraceContext,
  type ExtractSource,
  type HeaderMap,
  type InjectTarget,
  type TraceContextGetter,
  type TraceContextSetter,
} from './trace-context';
