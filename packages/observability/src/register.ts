/**
 * Preload entry point:
 *
 *   OTEL_SERVICE_NAME=tasks node --require @aiplat/observability/dist/register.js dist/main.js
 *
 * Instrumentation patches `http` and `mongodb` when they are first required,
 * so the SDK has to be running before Nest, the mongodb driver or anything
 * that pulls them in is loaded; `--require` guarantees that ordering, whereas
 * calling startTelemetry() from main.ts only works if it runs before those
 * imports. Flush on shutdown by calling shutdownTelemetry() from the
 * service's shutdown hook; no signal handlers are installed here so the
 * service's own graceful shutdown stays in charge.
 */
import { startTelemetry } from './telemetry';

const serviceName =
  process.env['OTEL_SERVICE_NAME']?.trim() || process.env['npm_package_name'] || 'unknown_service:node';
const serviceVersion = process.env['OTEL_SERVICE_VERSION']?.trim() || process.env['npm_package_version'];

startTelemetry(serviceVersion ? { serviceName, serviceVersion } : { serviceName });
