import { afterEach, describe, expect, it, vi } from 'vitest';
import { HealthRegistry, type HealthCheck } from './health-registry';

const ok: HealthCheck = async () => ({ ok: true });
const hanging: HealthCheck = () => new Promise(() => undefined);

describe('HealthRegistry', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports liveness regardless of failing checks', () => {
    const registry = new HealthRegistry();
    registry.register('nats', async () => ({ ok: false }));

    expect(registry.liveness()).toMatchObject({ status: 'ok' });
  });

  it('is ready when every check is ok and reports each check by name', async () => {
    const registry = new HealthRegistry();
    registry.register('nats', ok);
    registry.register('mongodb', async () => ({ ok: true, detail: 'primary' }));

    const report = await registry.readiness();

    expect(report.status).toBe('ok');
    expect(report.checks).toEqual({
      nats: { ok: true, durationMs: expect.any(Number) },
      mongodb: { ok: true, detail: 'primary', durationMs: expect.any(Number) },
    });
  });

  it('is ready with no checks registered', async () => {
    await expect(new HealthRegistry().readiness()).resolves.toEqual({ status: 'ok', checks: {} });
  });

  it('is unavailable when one check fails, keeping the results of the others', async () => {
    const registry = new HealthRegistry();
    registry.register('nats', async () => ({ ok: false, detail: 'disconnected' }));
    registry.register('mongodb', ok);

    const report = await registry.readiness();

    expect(report.status).toBe('unavailable');
    expect(report.checks['nats']).toMatchObject({ ok: false, detail: 'disconnected' });
    expect(report.checks['mongodb']).toMatchObject({ ok: true });
  });

  it('turns a rejecting or synchronously throwing check into a failed result with the error message', async () => {
    const registry = new HealthRegistry();
    registry.register('rejects', async () => {
      throw new Error('connection refused');
    });
    registry.register('throws', (() => {
      throw new Error('not a promise');
    }) as HealthCheck);

    const report = await registry.readiness();

    expect(report.status).toBe('unavailable');
    expect(report.checks['rejects']).toMatchObject({ ok: false, detail: 'connection refused' });
    expect(report.checks['throws']).toMatchObject({ ok: false, detail: 'not a promise' });
  });

  it('fails a check that returns something other than { ok: boolean }', async () => {
    const registry = new HealthRegistry();
    registry.register('sloppy', (async () => 'yes') as unknown as HealthCheck);

    const report = await registry.readiness();

    expect(report.checks['sloppy']).toMatchObject({ ok: false });
  });

  it('fails a hanging check after its own timeout without waiting for it', async () => {
    const registry = new HealthRegistry();
    registry.register('stuck', hanging, { timeoutMs: 50 });
    registry.register('fine', ok);

    const startedAt = Date.now();
    const report = await registry.readiness();

    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(report.status).toBe('unavailable');
    expect(report.checks['stuck']).toMatchObject({ ok: false, detail: 'timed out after 50 ms' });
    expect(report.checks['fine']).toMatchObject({ ok: true });
  });

  it('times checks out after 2 s by default', async () => {
    vi.useFakeTimers();
    const registry = new HealthRegistry();
    registry.register('stuck', hanging);

    let settled = false;
    const pending = registry.readiness().finally(() => {
      settled = true;
    });

    await vi.advanceTimersByTimeAsync(1_999);
    expect(settled).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    const report = await pending;
    expect(report.checks['stuck']).toMatchObject({ ok: false, detail: 'timed out after 2000 ms' });
  });

  it('honours a registry-wide default timeout', async () => {
    vi.useFakeTimers();
    const registry = new HealthRegistry({ defaultTimeoutMs: 100 });
    registry.register('stuck', hanging);

    const pending = registry.readiness();
    await vi.advanceTimersByTimeAsync(100);

    expect((await pending).checks['stuck']).toMatchObject({ detail: 'timed out after 100 ms' });
  });

  it('rejects a second check under the same name', () => {
    const registry = new HealthRegistry();
    registry.register('nats', ok);

    expect(() => registry.register('nats', ok)).toThrow(/already registered/);
  });

  it('rejects a non-positive timeout', () => {
    expect(() => new HealthRegistry().register('x', ok, { timeoutMs: 0 })).toThrow(RangeError);
  });

  it('stops consulting a check once it is unregistered', async () => {
    const registry = new HealthRegistry();
    const unregister = registry.register('nats', async () => ({ ok: false }));
    expect((await registry.readiness()).status).toBe('unavailable');

    unregister();

    expect(registry.names()).toEqual([]);
    expect(await registry.readiness()).toEqual({ status: 'ok', checks: {} });
  });
});
