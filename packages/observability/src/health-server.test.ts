import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HealthRegistry, type HealthCheckResult } from './health-registry';
import { startHealthServer, type HealthServer } from './health-server';
import { createLogger, type LogDestination } from './logger';

type LogLine = Record<string, unknown>;

function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination: LogDestination = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
  return { logger: createLogger({ service: 'health-test', level: 'debug', destination }), lines };
}

async function get(server: HealthServer, path: string, method = 'GET'): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('startHealthServer', () => {
  const servers: HealthServer[] = [];

  /** `port: undefined` means "not given", so HEALTH_PORT applies. */
  async function start(registry: HealthRegistry, options: { port?: number } = { port: 0 }): Promise<HealthServer> {
    const server = await startHealthServer({
      ...options,
      host: '127.0.0.1',
      registry,
      logger: capturedLogger().logger,
    });
    servers.push(server);
    return server;
  }

  afterEach(async () => {
    vi.unstubAllEnvs();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('binds port 0 to a free port and reports it', async () => {
    const server = await start(new HealthRegistry());

    expect(server.port).toBeGreaterThan(0);
    expect(server.host).toBe('127.0.0.1');
  });

  it('answers GET /healthz with 200 { status: ok } even when not ready', async () => {
    const registry = new HealthRegistry();
    registry.register('nats', async () => ({ ok: false }));
    const server = await start(registry);

    const response = await get(server, '/healthz');

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok' });
  });

  it('moves /readyz between 200 and 503 as checks change, with per-check results', async () => {
    let nats: HealthCheckResult = { ok: true };
    const registry = new HealthRegistry();
    registry.register('nats', async () => nats);
    registry.register('mongodb', async () => ({ ok: true }));
    const server = await start(registry);

    const ready = await get(server, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', checks: { nats: { ok: true }, mongodb: { ok: true } } });

    nats = { ok: false, detail: 'connection closed' };
    const unavailable = await get(server, '/readyz');
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toMatchObject({
      status: 'unavailable',
      checks: { nats: { ok: false, detail: 'connection closed' }, mongodb: { ok: true } },
    });

    nats = { ok: true };
    expect((await get(server, '/readyz')).status).toBe(200);
  });

  it('answers 503 promptly when a check hangs past its timeout', async () => {
    const registry = new HealthRegistry();
    registry.register('mongodb', () => new Promise(() => undefined), { timeoutMs: 100 });
    const server = await start(registry);

    const startedAt = Date.now();
    const response = await get(server, '/readyz');

    expect(Date.now() - startedAt).toBeLessThan(1_500);
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ checks: { mongodb: { ok: false, detail: 'timed out after 100 ms' } } });
  });

  it('logs readiness transitions once, not on every probe', async () => {
    let ok = false;
    const registry = new HealthRegistry();
    registry.register('nats', async () => ({ ok, detail: ok ? undefined : 'down' }));
    const { logger, lines } = capturedLogger();
    const server = await startHealthServer({ port: 0, host: '127.0.0.1', registry, logger });
    servers.push(server);

    await get(server, '/readyz');
    await get(server, '/readyz');
    ok = true;
    await get(server, '/readyz');
    await get(server, '/readyz');

    const transitions = lines.filter((line) => String(line['msg']).includes('ready'));
    expect(transitions.map((line) => [line['level'], line['msg']])).toEqual([
      ['warn', 'service is not ready'],
      ['info', 'service is ready'],
    ]);
    expect(transitions[0]).toMatchObject({ component: 'health', checks: { nats: 'down' } });
  });

  it('ignores the query string', async () => {
    const server = await start(new HealthRegistry());

    expect((await get(server, '/readyz?verbose=1')).status).toBe(200);
  });

  it('answers 404 for any other path and 405 for other methods on the probe paths', async () => {
    const server = await start(new HealthRegistry());

    expect((await get(server, '/')).status).toBe(404);
    expect((await get(server, '/healthz/extra')).status).toBe(404);
    expect((await get(server, '/healthz', 'POST')).status).toBe(405);
  });

  it('answers HEAD with the status and no body', async () => {
    const registry = new HealthRegistry();
    registry.register('nats', async () => ({ ok: false }));
    const server = await start(registry);

    const response = await get(server, '/readyz', 'HEAD');

    expect(response.status).toBe(503);
    expect(response.body).toBeUndefined();
  });

  it('takes the port from HEALTH_PORT when none is given', async () => {
    const port = await freePort();
    vi.stubEnv('HEALTH_PORT', String(port));

    const server = await start(new HealthRegistry(), {});

    expect(server.port).toBe(port);
    expect((await get(server, '/healthz')).status).toBe(200);
  });

  it('refuses to start without a port or HEALTH_PORT, or with an invalid one', async () => {
    vi.stubEnv('HEALTH_PORT', '');
    await expect(start(new HealthRegistry(), {})).rejects.toThrow(/HEALTH_PORT/);

    vi.stubEnv('HEALTH_PORT', 'eighty');
    await expect(start(new HealthRegistry(), {})).rejects.toThrow(RangeError);
  });

  it('rejects when the port is already taken', async () => {
    const first = await start(new HealthRegistry());

    await expect(start(new HealthRegistry(), { port: first.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('stops accepting connections after close(), even with keep-alive clients', async () => {
    const server = await start(new HealthRegistry());
    await get(server, '/healthz');

    await server.close();

    await expect(get(server, '/healthz')).rejects.toThrow();
    await expect(server.close()).resolves.toBeUndefined();
  });
});
