import { hostname } from 'node:os';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, type LogDestination } from './logger';

type LogLine = Record<string, unknown>;

function capture(): { destination: LogDestination; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) }, lines };
}

describe('createLogger', () => {
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider());
  });

  afterAll(() => {
    trace.disable();
    context.disable();
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('writes JSON with service, pid, host, an ISO time and the level as a label', () => {
    const { destination, lines } = capture();
    createLogger({ service: 'tasks', destination }).info('started');

    expect(lines).toHaveLength(1);
    const line = lines[0];
    expect(line).toMatchObject({ level: 'info', service: 'tasks', pid: process.pid, host: hostname(), msg: 'started' });
    expect(line?.['time']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('adds trace_id and span_id of the active span to every line, including child loggers', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ service: 'tasks', destination });
    const tracer = trace.getTracer('logger-test');

    const ids = tracer.startActiveSpan('handle', (span) => {
      logger.info('in span');
      logger.child({ component: 'repo' }).warn('child in span');
      span.end();
      return span.spanContext();
    });

    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({ trace_id: ids.traceId, span_id: ids.spanId });
    }
  });

  it('uses the innermost active span', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ service: 'tasks', destination });
    const tracer = trace.getTracer('logger-test');

    const { outer, inner } = tracer.startActiveSpan('outer', (outerSpan) => {
      const innerContext = tracer.startActiveSpan('inner', (innerSpan) => {
        logger.info('inner');
        innerSpan.end();
        return innerSpan.spanContext();
      });
      outerSpan.end();
      return { outer: outerSpan.spanContext(), inner: innerContext };
    });

    expect(inner.traceId).toBe(outer.traceId);
    expect(inner.spanId).not.toBe(outer.spanId);
    expect(lines[0]).toMatchObject({ trace_id: inner.traceId, span_id: inner.spanId });
  });

  it('omits trace fields when no span is active', () => {
    const { destination, lines } = capture();
    createLogger({ service: 'tasks', destination }).info('no span');

    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
  });

  it('redacts secrets at top level, one level deep and in request headers, keeping other fields', () => {
    const { destination, lines } = capture();
    createLogger({ service: 'tasks', destination }).info(
      {
        password: 'hunter2',
        token: 'tok',
        apiKey: 'key',
        user: { id: 'u1', passwordHash: '$argon2', refreshToken: 'rt' },
        session: { accessToken: 'at', cookie: 'sid=1', secret: 's', credentials: { user: 'x' } },
        upstream: { authorization: 'Bearer upstream' },
        req: { method: 'GET', headers: { authorization: 'Bearer abc', cookie: 'sid=2', accept: 'application/json' } },
      },
      'login',
    );

    const line = lines[0];
    expect(line).toMatchObject({
      password: '[REDACTED]',
      token: '[REDACTED]',
      apiKey: '[REDACTED]',
      user: { id: 'u1', passwordHash: '[REDACTED]', refreshToken: '[REDACTED]' },
      session: {
        accessToken: '[REDACTED]',
        cookie: '[REDACTED]',
        secret: '[REDACTED]',
        credentials: '[REDACTED]',
      },
      upstream: { authorization: '[REDACTED]' },
      req: {
        method: 'GET',
        headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', accept: 'application/json' },
      },
    });
    const serialised = JSON.stringify(line);
    for (const secret of ['hunter2', '$argon2', 'Bearer abc', 'sid=2', 'Bearer upstream']) {
      expect(serialised).not.toContain(secret);
    }
  });

  it('redacts secrets bound on child loggers', () => {
    const { destination, lines } = capture();
    createLogger({ service: 'tasks', destination }).child({ token: 'child-token' }).info('bound');

    expect(lines[0]).toMatchObject({ token: '[REDACTED]' });
    expect(JSON.stringify(lines[0])).not.toContain('child-token');
  });

  it('takes the level from LOG_LEVEL when none is given', () => {
    vi.stubEnv('LOG_LEVEL', 'warn');
    const { destination, lines } = capture();
    const logger = createLogger({ service: 'tasks', destination });
    logger.info('dropped');
    logger.warn('kept');

    expect(logger.level).toBe('warn');
    expect(lines.map((line) => line['msg'])).toEqual(['kept']);
  });

  it('defaults to info and lets an explicit level override LOG_LEVEL', () => {
    vi.stubEnv('LOG_LEVEL', '');
    expect(createLogger({ service: 'tasks', destination: capture().destination }).level).toBe('info');

    vi.stubEnv('LOG_LEVEL', 'error');
    expect(createLogger({ service: 'tasks', level: 'debug', destination: capture().destination }).level).toBe('debug');
  });

  it('rejects an unknown LOG_LEVEL instead of guessing', () => {
    vi.stubEnv('LOG_LEVEL', 'verbose');
    expect(() => createLogger({ service: 'tasks', destination: capture().destination })).toThrow(/LOG_LEVEL "verbose"/);
  });
});
