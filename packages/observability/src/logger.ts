import { hostname } from 'node:os';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import pino from 'pino';
import { REDACTED, SECRET_REDACT_PATHS } from './secret-paths';

export type Logger = pino.Logger;
export type LogLevel = pino.LevelWithSilent;
export type LogDestination = pino.DestinationStream;

export interface CreateLoggerOptions {
  /** Written on every line so logs from many services can share one index. */
  service: string;
  /** Defaults to `LOG_LEVEL`, then `info`. */
  level?: LogLevel;
  /** Defaults to stdout. */
  destination?: LogDestination;
}

const DEFAULT_LEVEL: LogLevel = 'info';

export function createLogger(options: CreateLoggerOptions): Logger {
  const pinoOptions: pino.LoggerOptions = {
    level: options.level ?? levelFromEnv(),
    base: { service: options.service, pid: process.pid, host: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
    },
    mixin: activeTraceFields,
    redact: { paths: [...SECRET_REDACT_PATHS], censor: REDACTED },
  };
  return options.destination === undefined ? pino(pinoOptions) : pino(pinoOptions, options.destination);
}

/** Lets a log line be joined to its trace in the tracing backend. */
function activeTraceFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (span === undefined) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

function levelFromEnv(): LogLevel {
  const raw = process.env['LOG_LEVEL']?.trim().toLowerCase();
  if (raw === undefined || raw === '') return DEFAULT_LEVEL;
  if (!isLogLevel(raw)) {
    // Failing fast beats silently logging at a level nobody asked for.
    throw new Error(
      `LOG_LEVEL "${raw}" is not a log level; expected one of ${Object.keys(pino.levels.values).join(', ')}, silent`,
    );
  }
  return raw;
}

function isLogLevel(value: string): value is LogLevel {
  return value === 'silent' || value in pino.levels.values;
}
