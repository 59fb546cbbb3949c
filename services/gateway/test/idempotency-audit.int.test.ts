import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  newRequestId,
  problemDefects,
  startGateway,
  type Account,
  type ApiResponse,
  type Gateway,
  type Json,
} from './gateway-harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let gw: Gateway;
let admin: Account;
/** A second administrator, to show that idempotency keys are per user. */
let admin2: { id: string; token: string };

beforeAll(async () => {
  gw = await startGateway();
  admin = gw.accounts.admin;
  const second = await gw.throwawayUser({ roles: ['admin'], unitId: 'lg-office' });
  const session = await gw.signIn(second.username, second.password);
  admin2 = { id: second.id, token: session.json.accessToken };
});

afterAll(async () => {
  await gw?.close();
});

const newUser = (over: Record<string, unknown> = {}) => ({
  username: `idem-${randomUUID().slice(0, 8)}`,
  displayName: 'Idempotent',
  unitId: 'city-economy-it',
  roles: ['bureau'],
  password: 'idempotent-password',
  ...over,
});

async function usersNamed(username: string): Promise<Json[]> {
  const res = await gw.api('GET', '/api/v1/users', { token: admin.token });
  expect(res.status).toBe(200);
  return res.json.items.filter((u: Json) => u.username === username);
}

const createUser = (
  body: unknown,
  key: string | undefined,
  token = admin.token,
  headers: Record<string, string> = {},
) =>
  gw.api('POST', '/api/v1/users', {
    token,
    body,
    headers: { ...(key !== undefined ? { 'idempotency-key': key } : {}), ...headers },
  });

async function auditRecords(token = admin.token): Promise<Json[]> {
  const res = await gw.api('GET', '/api/v1/audit', { token, query: { limit: '500' } });
  expect(res.status).toBe(200);
  return res.json.items;
}

/** The audit record of one request (written after the response, hence the wait). */
function auditOf(requestId: string, token = admin.token): Promise<Json> {
  return eventually(
    async () => (await auditRecords(token)).find((r) => r.requestId === requestId),
    `the audit record of ${requestId}`,
  );
}

describe('Idempotency-Key on POST /api/v1/users', () => {
  it('a retry with the same key and body gets the same answer, replayed, and one user is made', async () => {
    const key = `key-${randomUUID()}`;
    const body = newUser();
    const first = await createUser(body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const second = await createUser(body, key);
    expect(second.status).toBe(first.status);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('content-type')).toMatch(/^application\/json/);

    const third = await createUser(body, key);
    expect(third.json).toEqual(first.json);
    expect(await usersNamed(body.username)).toHaveLength(1);
  });

  it('the same key with another body → 422, and nothing is made', async () => {
    const key = `key-${randomUUID()}`;
    const body = newUser();
    expect((await createUser(body, key)).status).toBe(201);
    const other = newUser();
    const res = await createUser(other, key);
    expect(res.status).toBe(422);
    expect(problemDefects(res)).toEqual([]);
    expect(await usersNamed(other.username)).toHaveLength(0);
  });

  it('a key is per user: another admin may use the same key for another request', async () => {
    const key = `shared-${randomUUID()}`;
    const mine = newUser();
    const theirs = newUser();
    expect((await createUser(mine, key)).status).toBe(201);
    const res = await createUser(theirs, key, admin2.token);
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(res.json.username).toBe(theirs.username);
    expect(await usersNamed(theirs.username)).toHaveLength(1);
  });

  it('a refusal is replayed as the same refusal', async () => {
    const key = `key-${randomUUID()}`;
    const body = newUser({ unitId: 'no-such-unit' });
    const first = await createUser(body, key);
    expect(first.status).toBe(422);
    const second = await createUser(body, key);
    expect(second.status).toBe(422);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const { instance: _a, ...firstProblem } = first.json;
    const { instance: _b, ...secondProblem } = second.json;
    expect(secondProblem).toEqual(firstProblem);
  });

  it('concurrent requests with one key make one user', async () => {
    const key = `race-${randomUUID()}`;
    const body = newUser();
    const results = await Promise.all([1, 2, 3, 4].map(() => createUser(body, key)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const s of statuses) expect([201, 409]).toContain(s);
    expect(await usersNamed(body.username)).toHaveLength(1);
  });

  it('a malformed key → 400 and nothing is made', async () => {
    const body = newUser();
    for (const key of ['short', 'has spaces in it', 'x'.repeat(129)]) {
      const res = await createUser(body, key);
      expect(res.status, key).toBe(400);
      expect(problemDefects(res)).toEqual([]);
    }
    expect(await usersNamed(body.username)).toHaveLength(0);
  });

  it('without a key each request acts on its own (a second identical create is a 409 conflict)', async () => {
    const body = newUser();
    expect((await createUser(body, undefined)).status).toBe(201);
    const again = await createUser(body, undefined);
    expect(again.status).toBe(409);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('X-Request-Id', () => {
  it('is echoed when well-formed, on success and on error', async () => {
    const id = newRequestId();
    const ok = await gw.api('GET', '/api/v1/me', { token: admin.token, headers: { 'x-request-id': id } });
    expect(ok.headers.get('x-request-id')).toBe(id);
    const id2 = newRequestId();
    const refused = await gw.api('GET', '/api/v1/me', { headers: { 'x-request-id': id2 } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe(id2);
    expect(refused.json.instance).toBe(id2);
  });

  it('is replaced by a generated UUID when too long, with spaces or other characters, or missing', async () => {
    for (const given of ['x'.repeat(300), 'has spaces', 'semi;colon', 'ünïcode', undefined]) {
      const res = await gw.api('GET', '/api/v1/users/not-a-uuid', {
        token: admin.token,
        headers: given !== undefined ? { 'x-request-id': given } : {},
      });
      const echoed = res.headers.get('x-request-id');
      expect(echoed, String(given)).toMatch(UUID);
      expect(res.json.instance).toBe(echoed);
    }
  });
});

describe('the audit trail', () => {
  let created: { requestId: string; res: ApiResponse; username: string };

  beforeAll(async () => {
    const requestId = newRequestId();
    const body = newUser();
    const res = await createUser(body, undefined, admin.token, { 'x-request-id': requestId });
    expect(res.status).toBe(201);
    created = { requestId, res, username: body.username };
  });

  it('records a state-changing request with its request id, actor, action, target and outcome', async () => {
    const record = await auditOf(created.requestId);
    expect(record).toEqual({
      id: expect.any(String),
      at: expect.any(String),
      requestId: created.requestId,
      method: 'POST',
      route: '/api/v1/users',
      action: 'user.create',
      target: `username:${created.username}`,
      actor: { userId: admin.id, username: admin.username, unitId: admin.unitId, roles: admin.roles },
      status: 201,
      outcome: 'succeeded',
    });
    expect(Math.abs(Date.parse(record.at) - Date.now())).toBeLessThan(60_000);
    expect(JSON.stringify(record)).not.toContain('idempotent-password');
  });

  it('is readable by office and admin (audit.view) and refused to a bureau', async () => {
    const asOffice = await auditOf(created.requestId, gw.accounts.office.token);
    expect(asOffice.requestId).toBe(created.requestId);
    const bureau = await gw.api('GET', '/api/v1/audit', { token: gw.accounts.bureauEit.token });
    expect(bureau.status).toBe(403);
    expect(problemDefects(bureau)).toEqual([]);
  });

  it('records a refused request (403) with its actor and outcome refused', async () => {
    const requestId = newRequestId();
    const bureau = gw.accounts.bureauDrc;
    const body = newUser();
    const res = await createUser(body, undefined, bureau.token, { 'x-request-id': requestId });
    expect(res.status).toBe(403);
    const record = await auditOf(requestId);
    expect(record).toMatchObject({
      requestId,
      method: 'POST',
      route: '/api/v1/users',
      action: 'user.create',
      target: `username:${body.username}`,
      actor: { userId: bureau.id, username: bureau.username, unitId: 'city-drc', roles: ['bureau'] },
      status: 403,
      outcome: 'refused',
    });
    expect(await usersNamed(body.username)).toHaveLength(0);
  });

  it('records an anonymous refusal (401) without an actor', async () => {
    const requestId = newRequestId();
    const res = await gw.api('POST', `/api/v1/users/${randomUUID()}/deactivate`, {
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(401);
    const record = await auditOf(requestId);
    expect(record).toMatchObject({ action: 'user.deactivate', status: 401, outcome: 'refused' });
    expect(record.actor).toBeUndefined();
  });

  it('records a failed sign-in without an actor and with the username as target', async () => {
    const requestId = newRequestId();
    const username = `nobody-${randomUUID().slice(0, 8)}`;
    const res = await gw.signIn(username, 'wrong-password-here', { 'x-request-id': requestId });
    expect(res.status).toBe(401);
    const record = await auditOf(requestId);
    expect(record).toMatchObject({
      requestId,
      method: 'POST',
      route: '/api/v1/auth/sign-in',
      action: 'auth.sign_in',
      target: username,
      status: 401,
      outcome: 'refused',
    });
    expect(record.actor).toBeUndefined();
    expect(JSON.stringify(record)).not.toContain('wrong-password-here');
  });

  it('records a successful sign-in with the user as actor', async () => {
    const requestId = newRequestId();
    const office = gw.accounts.office;
    expect((await gw.signIn(office.username, office.password, { 'x-request-id': requestId })).status).toBe(200);
    const record = await auditOf(requestId);
    expect(record).toMatchObject({
      action: 'auth.sign_in',
      target: office.username,
      outcome: 'succeeded',
      actor: { userId: office.id, username: office.username, unitId: office.unitId, roles: office.roles },
    });
    expect(JSON.stringify(record)).not.toContain(office.password);
  });

  it('records the user acted on as the target of user administration', async () => {
    const target = await gw.throwawayUser();
    const requestId = newRequestId();
    const res = await gw.api('POST', `/api/v1/users/${target.id}/deactivate`, {
      token: admin.token,
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    expect(await auditOf(requestId)).toMatchObject({
      action: 'user.deactivate',
      route: '/api/v1/users/:id/deactivate',
      target: `user:${target.id}`,
      status: 200,
      outcome: 'succeeded',
      actor: { userId: admin.id },
    });
  });

  it('records what a user edit changed, from → to', async () => {
    const target = await gw.throwawayUser({ roles: ['bureau'], unitId: 'city-drc', displayName: '原名' });
    const requestId = newRequestId();
    const res = await gw.api('PATCH', `/api/v1/users/${target.id}`, {
      token: admin.token,
      headers: { 'x-request-id': requestId },
      body: { roles: ['bureau', 'expert'], unitId: 'city-drc', displayName: '新名' },
    });
    expect(res.status, res.text).toBe(200);
    const record = await auditOf(requestId);
    expect(record).toMatchObject({ action: 'user.update', outcome: 'succeeded' });
    // The unit did not change: it is not listed.
    expect(record.changes).toEqual(
      expect.arrayContaining([
        { field: 'roles', from: '["bureau"]', to: '["bureau","expert"]' },
        { field: 'displayName', from: '原名', to: '新名' },
      ]),
    );
    expect(record.changes).toHaveLength(2);
  });

  it('does not record reads', async () => {
    const requestId = newRequestId();
    expect(
      (await gw.api('GET', '/api/v1/users', { token: admin.token, headers: { 'x-request-id': requestId } })).status,
    ).toBe(200);
    // Give the hook the time it would take, then check nothing came.
    const marker = newRequestId();
    await gw.api('POST', '/api/v1/auth/sign-out', { headers: { 'x-request-id': marker } });
    await auditOf(marker);
    expect((await auditRecords()).some((r) => r.requestId === requestId)).toBe(false);
  });

  it('filters by actor and action, newest first', async () => {
    const res = await gw.api('GET', '/api/v1/audit', {
      token: admin.token,
      query: { actorId: admin.id, action: 'user.create', limit: '500' },
    });
    expect(res.status).toBe(200);
    expect(res.json.items.length).toBeGreaterThan(0);
    for (const r of res.json.items) {
      expect(r.action).toBe('user.create');
      expect(r.actor.userId).toBe(admin.id);
    }
    const times = res.json.items.map((r: Json) => Date.parse(r.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(res.json.items.some((r: Json) => r.requestId === created.requestId)).toBe(true);
  });

  it('pages with before', async () => {
    const page1 = await gw.api('GET', '/api/v1/audit', { token: admin.token, query: { limit: '3' } });
    expect(page1.status).toBe(200);
    expect(page1.json.items).toHaveLength(3);
    const last = page1.json.items[2];
    const page2 = await gw.api('GET', '/api/v1/audit', { token: admin.token, query: { limit: '3', before: last.at } });
    expect(page2.status).toBe(200);
    expect(page2.json.items.length).toBeGreaterThan(0);
    for (const r of page2.json.items) expect(Date.parse(r.at)).toBeLessThan(Date.parse(last.at));
    const firstIds = new Set(page1.json.items.map((r: Json) => r.id));
    expect(page2.json.items.some((r: Json) => firstIds.has(r.id))).toBe(false);
  });

  // Regression guard (was a bug, fixed) — (services/gateway/src/http/request-hooks.ts, onResponse hook): the audit target is computed
  // inside a try, but `target.slice(0, 200)` runs outside it on whatever the route's target function
  // returned. For sign-in that is `body.username` as sent, so a non-string username (a number, or an
  // operator object such as {"$ne": null}) makes the hook throw a TypeError and the attempt is never
  // audited — exactly the NoSQL-injection probes an audit trail should keep.
  // Fix: keep the target only when `typeof target === 'string'` (or String() it) inside the try.
  it('records a sign-in attempt whose username is not a string (an injection probe)', async () => {
    const numeric = newRequestId();
    const operator = newRequestId();
    expect(
      (
        await gw.api('POST', '/api/v1/auth/sign-in', {
          body: { username: 12345, password: 'x' },
          headers: { 'x-request-id': numeric },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await gw.api('POST', '/api/v1/auth/sign-in', {
          body: { username: { $ne: null }, password: { $ne: null } },
          headers: { 'x-request-id': operator },
        })
      ).status,
    ).toBe(400);
    for (const requestId of [numeric, operator]) {
      expect(await auditOf(requestId)).toMatchObject({
        requestId,
        action: 'auth.sign_in',
        status: 400,
        outcome: 'refused',
      });
    }
  });

  // Regression guard (was a gap, closed) — (services/gateway/src/auth/auth.controller.ts, refresh route): POST /api/v1/auth/refresh is a
  // state-changing request (it rotates the refresh token, and a reuse revokes a session) but its
  // ApiRoute has no `audit`, so it is recorded with action "unknown" and no actor: a token-theft
  // revocation cannot be found in the audit log by action or by user.
  // Fix: declare `audit: { action: 'auth.refresh' }` and set req.principal from the refreshed user.
  it('records a token refresh under a named action with the user as actor', async () => {
    const requestId = newRequestId();
    const office = gw.accounts.office;
    const session = await gw.signIn(office.username, office.password);
    const res = await gw.api('POST', '/api/v1/auth/refresh', {
      headers: { cookie: session.refreshCookie!, 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    const record = await auditOf(requestId);
    expect(record.action).not.toBe('unknown');
    expect(record.actor?.userId).toBe(office.id);
  });
});
