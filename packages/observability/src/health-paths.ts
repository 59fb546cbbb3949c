// Kept apart from the server so telemetry can ignore probe traffic without
// loading node:http before the HTTP instrumentation is installed.
export const LIVENESS_PATH = '/healthz';
export const READINESS_PATH = '/readyz';
