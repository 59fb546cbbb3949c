import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { problemDefects, startGateway, type ApiResponse, type Gateway } from './gateway-harness';

let gw: Gateway;
let admin: string;

beforeAll(async () => {
  gw = await startGateway();
  admin = gw.accounts.admin.token;
});

afterAll(async () => {
  await gw?.close();
});

const validUser = () => ({
  username: `val-${randomUUID().slice(0, 8)}`,
  displayName: 'Validation',
  unitId: 'city-drc',
  roles: ['bureau'],
  password: 'long-enough-password',
});

async function userCount(): Promise<number> {
  const res = await gw.api('GET', '/api/v1/users', { token: admin });
  expect(res.status).toBe(200);
  return res.json.items.length;
}

function paths(res: ApiResponse): string[] {
  return ((res.json?.errors ?? []) as Array<{ path: string }>).map((e) => e.path);
}

function expectProblem(res: ApiResponse, status: number): void {
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(problemDefects(res)).toEqual([]);
}

function expectErrors(res: ApiResponse, status: number, expectedPaths: string[]): void {
  expectProblem(res, status);
  expect(Array.isArray(res.json.errors), 'errors[] is listed').toBe(true);
  for (const e of res.json.errors) expect(e).toEqual({ path: expect.any(String), message: expect.any(String) });
  expect(paths(res)).toEqual(expect.arrayContaining(expectedPaths));
}

describe('POST /api/v1/users refuses bad input and creates nothing', () => {
  let before: number;
  beforeEach(async () => {
    before = await userCount();
  });
  const create = (body: unknown, headers?: Record<string, string>) =>
    gw.api('POST', '/api/v1/users', { token: admin, body, ...(headers ? { headers } : {}) });
  const expectNoUserCreated = async () => expect(await userCount()).toBe(before);

  it('a valid body creates a user (the control case)', async () => {
    const res = await create(validUser());
    expect(res.status).toBe(201);
    expect(await userCount()).toBe(before + 1);
  });

  it('missing fields → 400 naming each', async () => {
    const { password: _p, displayName: _d, ...body } = validUser();
    expectErrors(await create(body), 400, ['body.password', 'body.displayName']);
    await expectNoUserCreated();
  });

  it('wrong types → 400', async () => {
    const res = await create({ ...validUser(), roles: 'bureau', displayName: 42 });
    expectErrors(res, 400, ['body.roles', 'body.displayName']);
    await expectNoUserCreated();
  });

  it('an unknown field → 400 naming the field', async () => {
    const res = await create({ ...validUser(), isAdmin: true });
    expectErrors(res, 400, []);
    expect(res.json.errors).toEqual([
      { path: expect.stringMatching(/^body/), message: expect.stringContaining('isAdmin') },
    ]);
    await expectNoUserCreated();
  });

  // Regression guard (was a bug, fixed) — (services/gateway/src/http/validation.ts, ValidationGuard): an issue about the whole body
  // (unknown key, body not an object) is reported at path "body.(root)": issuesFromZod() renders an
  // empty zod path as "(root)" and the guard then prefixes it with "body.". Expected "body".
  it('reports whole-body errors at path "body", not "body.(root)"', async () => {
    const unknownKey = await create({ ...validUser(), isAdmin: true });
    const notAnObject = await create([validUser()]);
    expect([...paths(unknownKey), ...paths(notAnObject)]).toEqual(['body', 'body']);
    await expectNoUserCreated();
  });

  it('an unknown role → 400', async () => {
    expectErrors(await create({ ...validUser(), roles: ['superuser'] }), 400, ['body.roles.0']);
    await expectNoUserCreated();
  });

  it('a password that is too short → 400', async () => {
    expectErrors(await create({ ...validUser(), password: 'short-11ch' }), 400, ['body.password']);
    await expectNoUserCreated();
  });

  it('a username with upper case → 400', async () => {
    expectErrors(await create({ ...validUser(), username: 'Val-Upper' }), 400, ['body.username']);
    await expectNoUserCreated();
  });

  it('a body that is not an object (array, null, string) → 400', async () => {
    expectErrors(await create([validUser()]), 400, []);
    expectErrors(await create('null', { 'content-type': 'application/json' }), 400, []);
    expectErrors(await create('"text"', { 'content-type': 'application/json' }), 400, []);
    await expectNoUserCreated();
  });

  describe('NoSQL operator injection', () => {
    it('an operator object as the username → 400', async () => {
      expectErrors(await create({ ...validUser(), username: { $gt: '' } }), 400, ['body.username.$gt']);
      await expectNoUserCreated();
    });

    it('a top-level $where → 400', async () => {
      expectErrors(await create({ ...validUser(), $where: 'sleep(1000)' }), 400, ['body.$where']);
      await expectNoUserCreated();
    });

    it('dotted keys → 400', async () => {
      expectErrors(await create({ ...validUser(), 'a.b': 1 }), 400, ['body.a.b']);
      await expectNoUserCreated();
    });

    it('a nested $ne inside roles → 400', async () => {
      expectErrors(await create({ ...validUser(), roles: [{ $ne: null }] }), 400, ['body.roles.0.$ne']);
      await expectNoUserCreated();
    });

    it('__proto__ and constructor keys → 400', async () => {
      const u = validUser();
      const raw = JSON.stringify(u).replace(/^\{/, '{"__proto__":{"active":false},');
      expectProblem(await create(raw, { 'content-type': 'application/json' }), 400);
      const raw2 = JSON.stringify(u).replace(/^\{/, '{"constructor":{"prototype":{"x":1}},');
      expectProblem(await create(raw2, { 'content-type': 'application/json' }), 400);
      await expectNoUserCreated();
    });

    it('operator keys in a sign-in body → 400, and nobody is signed in', async () => {
      const res = await gw.api('POST', '/api/v1/auth/sign-in', {
        body: { username: { $ne: null }, password: { $ne: null } },
      });
      expectErrors(res, 400, ['body.username.$ne', 'body.password.$ne']);
      expect(res.refreshCookie).toBeUndefined();
    });
  });

  it('a body larger than BODY_LIMIT_BYTES → 413', async () => {
    expect(gw.env.BODY_LIMIT_BYTES).toBeLessThan(300 * 1024);
    const res = await create({ ...validUser(), displayName: 'x'.repeat(300 * 1024) });
    expectProblem(res, 413);
    await expectNoUserCreated();
  });

  it('invalid JSON → 400', async () => {
    const res = await create('{"username": "val-broken", ', { 'content-type': 'application/json' });
    expectProblem(res, 400);
    await expectNoUserCreated();
  });

  it('an empty JSON body → 400', async () => {
    const res = await create('', { 'content-type': 'application/json' });
    expectProblem(res, 400);
    await expectNoUserCreated();
  });

  it('a content type other than JSON → 415 (or 400 for plain text, which is parsed as a string)', async () => {
    const xml = await create('<user><username>val-xml</username></user>', { 'content-type': 'application/xml' });
    expectProblem(xml, 415);
    const text = await create(JSON.stringify(validUser()), { 'content-type': 'text/plain' });
    expect([400, 415]).toContain(text.status);
    expect(problemDefects(text)).toEqual([]);
    await expectNoUserCreated();
  });

  // Regression guard (was a bug, fixed) — (services/gateway/src/gateway-app.ts, NestFactory.create): Nest's Fastify adapter registers an
  // application/x-www-form-urlencoded parser, so the JSON-only API also takes HTML-form bodies. A
  // cross-site <form method=post> is a "simple" request (no CORS preflight): it can sign a victim's
  // browser in to the attacker's account (login CSRF; the refresh cookie is set on the top-level
  // navigation response). Expected 415 as for any other non-JSON body.
  it('refuses a form-encoded body with 415 (sign-in and create user)', async () => {
    const office = gw.accounts.office;
    const signIn = await gw.api('POST', '/api/v1/auth/sign-in', {
      body: new URLSearchParams({ username: office.username, password: office.password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const { roles: _r, ...flat } = validUser();
    const createForm = await create(new URLSearchParams(flat).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect({ signIn: signIn.status, createUser: createForm.status }).toEqual({ signIn: 415, createUser: 415 });
    expect(signIn.refreshCookie).toBeUndefined();
    await expectNoUserCreated();
  });

  it('a unit that is not in the registry → 422 naming body.unitId', async () => {
    expectErrors(await create({ ...validUser(), unitId: 'no-such-unit' }), 422, ['body.unitId']);
    await expectNoUserCreated();
  });

  it('a username that is taken → 409', async () => {
    expectProblem(await create({ ...validUser(), username: gw.accounts.office.username }), 409);
    await expectNoUserCreated();
  });
});

describe('queries and path parameters', () => {
  it('operator syntax in a query string → 400', async () => {
    const res = await gw.api('GET', '/api/v1/users?unitId[$ne]=x', { token: admin });
    expectErrors(res, 400, []);
    expect(res.json.errors.length).toBeGreaterThan(0);
    const dotted = await gw.api('GET', '/api/v1/users?unitId.$ne=x', { token: admin });
    expectErrors(dotted, 400, ['query.unitId.$ne']);
  });

  it('an unknown query parameter, a repeated one, or a bad value → 400', async () => {
    expectErrors(await gw.api('GET', '/api/v1/users', { token: admin, query: { sort: 'username' } }), 400, []);
    expectErrors(await gw.api('GET', '/api/v1/users?unitId=city-drc&unitId=lg-office', { token: admin }), 400, [
      'query.unitId',
    ]);
    expectErrors(await gw.api('GET', '/api/v1/users', { token: admin, query: { active: 'yes' } }), 400, [
      'query.active',
    ]);
  });

  it('GET /api/v1/audit with limit=abc, 0 or 501 → 400', async () => {
    for (const limit of ['abc', '0', '501', '1.5']) {
      expectErrors(await gw.api('GET', '/api/v1/audit', { token: admin, query: { limit } }), 400, ['query.limit']);
    }
    expect((await gw.api('GET', '/api/v1/audit', { token: admin, query: { limit: '500' } })).status).toBe(200);
  });

  it('a path parameter that is not a UUID → 400', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/users/not-a-uuid'],
      ['PATCH', '/api/v1/users/not-a-uuid'],
      ['POST', '/api/v1/users/123/deactivate'],
      ['POST', `/api/v1/users/${encodeURIComponent('{"$ne":null}')}/activate`],
    ] as const) {
      const res = await gw.api(method, path, {
        token: admin,
        ...(method === 'PATCH' ? { body: { displayName: 'x' } } : {}),
      });
      expectErrors(res, 400, ['params.id']);
    }
  });

  it('a well-formed id that does not exist → 404', async () => {
    expectProblem(await gw.api('GET', `/api/v1/users/${randomUUID()}`, { token: admin }), 404);
    expectProblem(await gw.api('GET', '/api/v1/units/no-such-unit', { token: admin }), 404);
  });

  it('PATCH with no field or an unknown unit', async () => {
    const id = gw.accounts.expert.id;
    expectErrors(await gw.api('PATCH', `/api/v1/users/${id}`, { token: admin, body: {} }), 400, []);
    expectErrors(
      await gw.api('PATCH', `/api/v1/users/${id}`, { token: admin, body: { unitId: 'no-such-unit' } }),
      422,
      ['body.unitId'],
    );
    expect((await gw.api('GET', '/api/v1/me', { token: gw.accounts.expert.token })).json.user.unitId).toBe(
      'committee-secretariat',
    );
  });

  it('a body on a route that takes none → 400', async () => {
    const target = await gw.throwawayUser();
    const res = await gw.api('POST', `/api/v1/users/${target.id}/deactivate`, {
      token: admin,
      body: { reason: 'x' },
    });
    expectErrors(res, 400, ['body']);
    expect((await gw.api('GET', `/api/v1/users/${target.id}`, { token: admin })).json.active).toBe(true);
  });

  it('validation runs after authentication: an anonymous caller with bad input gets 401, a bureau 403', async () => {
    expectProblem(await gw.api('POST', '/api/v1/users', { body: { $where: '1' } }), 401);
    expectProblem(
      await gw.api('POST', '/api/v1/users', { token: gw.accounts.bureauEit.token, body: { $where: '1' } }),
      403,
    );
  });

  it('an unknown route → 404 problem', async () => {
    expectProblem(await gw.api('GET', '/api/v1/nothing-here', { token: admin }), 404);
  });
});

describe('request schemas are at least as strict as the events and storage behind them', () => {
  it('a report period outside the years the plans cover → 400, not a server error', async () => {
    const res = await gw.api('GET', '/api/v1/reports/missing?period=0000-01', { token: gw.accounts.office.token });
    expectErrors(res, 400, ['query.period']);
  });

  it('a review of a task whose code is longer than its events allow → 400', async () => {
    const res = await gw.api('POST', '/api/v1/committee/reviews', {
      token: gw.accounts.office.token,
      body: {
        title: '验收评估',
        subject: { kind: 'task', ref: `2020-${'1'.repeat(28)}` },
        material: '材料',
        fields: ['machine_vision'],
      },
    });
    expectErrors(res, 400, ['body.subject.ref']);
  });
});

describe('errors met before any route runs', () => {
  it('a path parameter longer than the router takes → 414 problem, documented', async () => {
    const res = await gw.api('GET', `/api/v1/tasks/${'1'.repeat(300)}`, { token: gw.accounts.office.token });
    expectProblem(res, 414);
    expect(res.json.detail).toContain('path parameter');
  });
});
