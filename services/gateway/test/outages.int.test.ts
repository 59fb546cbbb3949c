import { startLocalFerretDb, startLocalNats, uniqueToken, type LocalServer } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  PROBLEM_JSON,
  problemDefects,
  startGateway,
  type ApiResponse,
  type Gateway,
} from './gateway-harness';
import { startTasksService } from './tasks-service';

/**
 * Outages of what the gateway depends on answer 503 with Retry-After and a problem that says what is
 * down, never 500, and the platform works again once it is back. These suites kill servers, so they
 * run on their own: one nats-server and two FerretDB processes (the gateway's and the tasks service's),
 * never the shared ones the other suites use.
 */
const SEED = resolve(__dirname, '../../../../shared/seed/000_4ff1a9d776ae5834.txt');

function expectUnavailable(res: ApiResponse, detail: RegExp): void {
  expect(res.status, res.text).toBe(503);
  expect(res.headers.get('content-type')).toContain(PROBLEM_JSON);
  expect(problemDefects(res)).toEqual([]);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter > 0, `Retry-After: ${res.headers.get('retry-after')}`).toBe(true);
  expect(res.json).toMatchObject({ status: 503, code: 'unavailable' });
  expect(res.json.detail).toMatch(detail);
}

describe('outages surface as 503 with Retry-After', () => {
  let nats: LocalServer;
  let tasksDb: LocalServer;
  let gatewayDb: LocalServer;
  let tasks: INestMicroservice;
  let gw: Gateway;
  /** Draft tasks of the imported seed whose lead unit is EIT: each test moves its own. */
  let drafts: string[];

  beforeAll(async () => {
    [nats, tasksDb, gatewayDb] = await Promise.all([startLocalNats(), startLocalFerretDb(), startLocalFerretDb()]);
    tasks = await startTasksService({
      NATS_URL: nats.url,
      MONGO_URL: tasksDb.url,
      AIPLAT_TOPOLOGY_PREFIX: uniqueToken(),
    });
    // With the default RPC timeout (5 s): the service's driver gives up on an unreachable database
    // sooner (3 s), so its own answer ("its database is down") reaches the client.
    gw = await startGateway({ env: { NATS_URL: nats.url, MONGO_URL: gatewayDb.url } });
    const imported = await gw.api('POST', '/api/v1/plans/import', {
      token: gw.accounts.office.token,
      body: { year: 2020, text: readFileSync(SEED, 'utf8') },
    });
    expect(imported.status, imported.text).toBe(200);
    const list = await gw.api('GET', '/api/v1/tasks', { token: gw.accounts.office.token, query: { limit: '500' } });
    drafts = (list.json.items as Array<{ code: string; status: string; leadUnitIds: string[]; parentCode?: string }>)
      .filter((t) => t.status === 'draft' && !t.parentCode)
      .map((t) => t.code);
    expect(drafts.length).toBeGreaterThanOrEqual(2);
  });

  afterAll(async () => {
    await gw?.close();
    await tasks?.close();
    await Promise.all([nats?.stop(), tasksDb?.stop(), gatewayDb?.stop()]);
  });

  const move = (code: string, headers: Record<string, string> = {}) =>
    gw.api('POST', `/api/v1/tasks/${code}/moves`, {
      token: gw.accounts.office.token,
      body: { move: 'assign' },
      headers,
    });
  const getTask = (code: string) => gw.api('GET', `/api/v1/tasks/${code}`, { token: gw.accounts.office.token });

  it('NATS down: a task move is 503 naming NATS, changes nothing, and succeeds once NATS is back', async () => {
    const code = drafts[0]!;
    // The same Idempotency-Key throughout: a 503 frees it, so the retry runs instead of being refused.
    const key = { 'Idempotency-Key': `outage-${uniqueToken()}` };
    await nats.kill();
    // The gateway's client sees the socket close on its next turn of the event loop; a request sent
    // before that would wait for the RPC timeout instead ("did not answer in time").
    await new Promise((r) => setTimeout(r, 250));
    try {
      const res = await move(code, key);
      expectUnavailable(res, /NATS/);
      expect(res.json.dependency).toBe('nats');
    } finally {
      await nats.start();
    }
    // Clients reconnect within a few seconds; a client that retries on 503 then gets through.
    const retried = await eventually(
      async () => {
        const r = await move(code, key);
        return r.status === 503 ? undefined : r;
      },
      'the move to go through after NATS restarted',
      20_000,
      250,
    );
    // 200 (not 409 "already assigned", not a replay): the refused move had changed nothing.
    expect(retried.status, retried.text).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(retried.json.status).toBe('assigned');
  });

  it('the tasks database down: 503 naming the tasks database; works again once it is back', async () => {
    const code = drafts[1]!;
    // Readable first (after an earlier test's outage the clients may still be reconnecting).
    await eventually(async () => ((await getTask(code)).status === 200 ? true : undefined), 'the task', 20_000, 250);
    await tasksDb.kill();
    try {
      const [read, moved] = await Promise.all([getTask(code), move(code)]);
      expectUnavailable(read, /tasks database/);
      expect(read.json).toMatchObject({ dependency: 'database', service: 'tasks' });
      expectUnavailable(moved, /tasks database/);
    } finally {
      await tasksDb.start();
    }
    const after = await eventually(
      async () => {
        const r = await getTask(code);
        return r.status === 503 ? undefined : r;
      },
      'the task to be readable after its database restarted',
      20_000,
      250,
    );
    expect(after.status, after.text).toBe(200);
    expect(after.json.status).toBe('draft');
    expect((await move(code)).json.status).toBe('assigned');
  });

  it('the gateway’s own database down: sign-in and authentication are 503 naming it; works again once it is back', async () => {
    const drc = gw.accounts.bureauDrc; // its session has not been read since sign-in: not in the 5 s cache
    await gatewayDb.kill();
    try {
      const [signIn, authenticated] = await Promise.all([
        gw.signIn(drc.username, drc.password),
        gw.api('GET', '/api/v1/tasks', { token: drc.token }),
      ]);
      expectUnavailable(signIn, /gateway database/);
      expect(signIn.json).toMatchObject({ dependency: 'database', service: 'gateway' });
      expectUnavailable(authenticated, /gateway database/);
    } finally {
      await gatewayDb.start();
    }
    const back = await eventually(
      async () => {
        const r = await gw.signIn(drc.username, drc.password);
        return r.status === 503 ? undefined : r;
      },
      'sign-in to work after the gateway database restarted',
      20_000,
      250,
    );
    expect(back.status, back.text).toBe(200);
  });
});
