import { permissionsOf } from '@aiplat/contracts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as authService from '../src/auth/auth.service';
import { AuthService } from '../src/auth/auth.service';
import { refreshTokenId } from '../src/auth/tokens';
import { problemDefects, startGateway, type Gateway } from './gateway-harness';

const REFRESH = '/api/v1/auth/refresh';
const SIGN_OUT = '/api/v1/auth/sign-out';
const ME = '/api/v1/me';

let gw: Gateway;

beforeAll(async () => {
  // Behind a proxy: each test signs in from client addresses of its own (X-Forwarded-For).
  gw = await startGateway({ env: { TRUST_PROXY: 'true', SIGN_IN_CLIENT_FAILURES_PER_MINUTE: '20' } });
});

afterAll(async () => {
  await gw?.close();
});

const me = (token: string) => gw.api('GET', ME, { token });

/** The concurrent-refresh grace of the gateway, when it has one (a rotated token replayed within it is a race). */
const REFRESH_GRACE_MS = (authService as Record<string, unknown>).CONCURRENT_REFRESH_GRACE_MS as number | undefined;

/** Moves the rotation of a refresh token into the past, as if time had passed. */
async function ageRotation(cookie: string, ageMs: number): Promise<void> {
  const id = refreshTokenId(cookie.slice('aiplat_refresh='.length));
  const r = await gw.repo.refreshTokens
    .updateOne({ _id: id }, { $set: { rotatedAt: new Date(Date.now() - ageMs) } })
    .exec();
  expect(r.matchedCount).toBe(1);
}
const refresh = (cookie: string) => gw.api('POST', REFRESH, { headers: { cookie } });

describe('sign-in', () => {
  it('answers with an access token and the user, and puts the refresh token only in a strict httpOnly cookie', async () => {
    const user = await gw.throwawayUser({ roles: ['office'], unitId: 'lg-office', displayName: 'Signs in' });
    const res = await gw.signIn(user.username, user.password);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);

    const cookies = res.headers.getSetCookie().filter((c) => c.startsWith('aiplat_refresh='));
    expect(cookies).toHaveLength(1);
    const attributes = cookies[0]!.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/api/v1/auth');
    expect(attributes.some((a) => a.startsWith('expires='))).toBe(true);
    // COOKIE_SECURE=false in the tests (plain HTTP): no Secure attribute.
    expect(attributes).not.toContain('secure');

    const refreshToken = res.refreshCookie!.slice('aiplat_refresh='.length);
    expect(refreshToken.length).toBeGreaterThanOrEqual(32);
    expect(res.json).toEqual({
      accessToken: expect.any(String),
      accessTokenExpiresAt: expect.any(String),
      user: { id: user.id, username: user.username, displayName: 'Signs in', unitId: 'lg-office', roles: ['office'] },
    });
    expect(new Date(res.json.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.text).not.toContain(refreshToken);
    expect(res.text).not.toMatch(/passwordHash|scrypt\$|password/i);

    const who = await me(res.json.accessToken);
    expect(who.status).toBe(200);
    expect(who.json.user.id).toBe(user.id);
    expect(who.json.permissions).toEqual(permissionsOf(['office']));
    expect(who.text).not.toMatch(/passwordHash|scrypt\$/);
  });

  it('gives a wrong password, an unknown user and a deactivated user the same 401 problem', async () => {
    const user = await gw.throwawayUser();
    const inactive = await gw.throwawayUser();
    await gw.repo.users.updateOne({ _id: inactive.id }, { $set: { active: false } }).exec();

    const wrong = await gw.signIn(user.username, 'not-the-password-at-all');
    const unknown = await gw.signIn(`nobody-${user.username}`, 'not-the-password-at-all');
    const deactivated = await gw.signIn(inactive.username, inactive.password);
    for (const res of [wrong, unknown, deactivated]) {
      expect(res.status).toBe(401);
      expect(problemDefects(res)).toEqual([]);
      expect(res.refreshCookie).toBeUndefined();
    }
    expect(unknown.json.detail).toBe(wrong.json.detail);
    expect(deactivated.json.detail).toBe(wrong.json.detail);
    expect(unknown.json.title).toBe(wrong.json.title);
    expect(unknown.json.type).toBe(wrong.json.type);
  });

  let lastAddress = 0;
  /** A client address no other test uses. */
  const address = () => ({ 'x-forwarded-for': `198.51.100.${++lastAddress}` });

  it('backs an account off at the address that failed 5 times, while its owner at another address signs in', async () => {
    const user = await gw.throwawayUser();
    const attacker = address();
    for (let i = 1; i <= 5; i++) {
      const res = await gw.signIn(user.username, `wrong-password-${i}`, attacker);
      expect(res.status, `failure ${i}`).toBe(401);
    }
    const refused = await gw.signIn(user.username, user.password, attacker);
    expect(refused.status).toBe(429);
    expect(problemDefects(refused)).toEqual([]);
    expect(refused.refreshCookie).toBeUndefined();
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // The owner, elsewhere, is not locked out by someone else's guesses.
    expect((await gw.signIn(user.username, user.password, address())).status).toBe(200);
  });

  it('after each wait exactly one attempt goes through, and the next wait is twice as long', async () => {
    const user = await gw.throwawayUser();
    const from = address();
    const key = `${user.username}|${from['x-forwarded-for']}`;
    for (let i = 1; i <= 5; i++) await gw.signIn(user.username, `wrong-password-${i}`, from);
    expect(Number((await gw.signIn(user.username, 'wrong-again', from)).headers.get('retry-after'))).toBe(1);
    // The wait is over (as if a second had passed): one attempt is checked (and fails) …
    await gw.repo.throttle.updateOne({ _id: key }, { $set: { lockedUntil: new Date(Date.now() - 1) } }).exec();
    expect((await gw.signIn(user.username, 'wrong-once-more', from)).status).toBe(401);
    // … and the next one waits 2 s, then 4 s.
    const next = await gw.signIn(user.username, user.password, from);
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBe(2);
    await gw.repo.throttle.updateOne({ _id: key }, { $set: { lockedUntil: new Date(Date.now() - 1) } }).exec();
    // The right password after a wait signs in and clears the count.
    expect((await gw.signIn(user.username, user.password, from)).status).toBe(200);
    expect((await gw.signIn(user.username, 'a-wrong-one', from)).status).toBe(401);
  });

  // Regression guard (was a bug, fixed): concurrent attempts must not all pass a limit read before
  // the password is checked; each attempt is counted first, atomically.
  it('a concurrent burst of wrong passwords gets no more than 5 password checks before it waits', async () => {
    const user = await gw.throwawayUser();
    const from = address();
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => gw.signIn(user.username, `wrong-password-${i}`, from)),
    );
    const statuses = burst.map((r) => r.status);
    for (const s of statuses) expect([401, 429]).toContain(s);
    expect(statuses.filter((s) => s === 401).length, `statuses: ${statuses.join(' ')}`).toBeLessThanOrEqual(5);
    expect((await gw.signIn(user.username, user.password, from)).status).toBe(429);
  });

  it('throttles an unknown username the same way, so throttling reveals nothing', async () => {
    const username = `ghost-${Date.now()}`;
    const from = address();
    for (let i = 1; i <= 5; i++) expect((await gw.signIn(username, `wrong-password-${i}`, from)).status).toBe(401);
    const refused = await gw.signIn(username, 'whatever-password', from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(problemDefects(refused)).toEqual([]);
  });

  it('limits one address to 20 failed sign-ins a minute across usernames (password spraying); others are not affected', async () => {
    const sprayer = address();
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++)
      statuses.push((await gw.signIn(`spray-${i}-${Date.now()}`, 'Password1', sprayer)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429]);
    const user = await gw.throwawayUser();
    expect((await gw.signIn(user.username, user.password, address())).status).toBe(200);
  });
});

describe('refresh', () => {
  it('rotates: a new access token and a new refresh cookie', async () => {
    const user = await gw.throwawayUser();
    const first = await gw.signIn(user.username, user.password);
    const second = await refresh(first.refreshCookie!);
    expect(second.status).toBe(200);
    expect(second.json.accessToken).toEqual(expect.any(String));
    expect(second.json.accessToken).not.toBe(first.json.accessToken);
    expect(second.json.user.id).toBe(user.id);
    expect(second.refreshCookie).toBeDefined();
    expect(second.refreshCookie).not.toBe(first.refreshCookie);
    const attributes = second.headers
      .getSetCookie()
      .find((c) => c.startsWith('aiplat_refresh='))!
      .toLowerCase();
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/api/v1/auth');
    expect((await me(second.json.accessToken)).status).toBe(200);
    // The next rotation works from the new cookie.
    expect((await refresh(second.refreshCookie!)).status).toBe(200);
  });

  it('without a cookie, or with a cookie it never issued: 401', async () => {
    for (const res of [
      await gw.api('POST', REFRESH),
      await refresh('aiplat_refresh=never-issued-token-never-issued-token'),
    ]) {
      expect(res.status).toBe(401);
      expect(problemDefects(res)).toEqual([]);
    }
  });

  it('a reused refresh cookie is refused and revokes the whole session at once', async () => {
    const user = await gw.throwawayUser();
    const first = await gw.signIn(user.username, user.password);
    const second = await refresh(first.refreshCookie!);
    expect(second.status).toBe(200);
    const newest = second.json.accessToken as string;
    expect((await me(newest)).status).toBe(200); // cached as live on this gateway

    // Present the rotated cookie again well after any concurrent-refresh grace (an hour later).
    await ageRotation(first.refreshCookie!, 60 * 60 * 1000);
    const reuse = await refresh(first.refreshCookie!);
    expect(reuse.status).toBe(401);
    expect(problemDefects(reuse)).toEqual([]);
    expect(reuse.refreshCookie).toBeUndefined();

    // Revoked through this gateway: no grace from the session cache.
    expect((await me(newest)).status).toBe(401);
    expect((await me(first.json.accessToken)).status).toBe(401);
    expect((await refresh(second.refreshCookie!)).status).toBe(401);

    // Other sessions of the same user are not touched.
    const another = await gw.signIn(user.username, user.password);
    expect((await me(another.json.accessToken)).status).toBe(200);
  });

  describe.runIf(REFRESH_GRACE_MS !== undefined)('the concurrent-refresh grace', () => {
    it('two tabs refreshing with the same cookie at once both succeed and the session stays live', async () => {
      const user = await gw.throwawayUser();
      const session = await gw.signIn(user.username, user.password);
      const [a, b] = await Promise.all([refresh(session.refreshCookie!), refresh(session.refreshCookie!)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect((await me(a.json.accessToken)).status).toBe(200);
      expect((await me(b.json.accessToken)).status).toBe(200);
    });

    // Regression guard (was a bug, fixed) — (services/gateway/src/auth/auth.service.ts, refresh): the grace is measured from
    // `rotatedAt`, but the findOneAndUpdate sets `rotatedAt: now` on EVERY presentation, so each
    // replay inside the window re-opens it: a stolen refresh token replayed at least every
    // CONCURRENT_REFRESH_GRACE_MS stays usable until it expires (7 days) and reuse is never detected.
    // Fix: set rotatedAt only the first time (filter `{ _id, rotatedAt: { $exists: false } }` for the
    // $set, then read the document) and measure the grace from that first rotation.
    it('measures the grace from the first rotation: replays do not extend it', async () => {
      const grace = REFRESH_GRACE_MS!;
      const user = await gw.throwawayUser();
      const session = await gw.signIn(user.username, user.password);
      expect((await refresh(session.refreshCookie!)).status).toBe(200);
      // As if the rotation happened 1.5 s before the end of the grace...
      await ageRotation(session.refreshCookie!, grace - 1_500);
      expect((await refresh(session.refreshCookie!)).status).toBe(200); // still inside: a race, allowed
      // ...and 2 s later the grace since the first rotation is over.
      await new Promise((r) => setTimeout(r, 2_000));
      expect((await refresh(session.refreshCookie!)).status).toBe(401);
    });
  });
});

describe('sign-out', () => {
  it('revokes the access token and the refresh token, and clears the cookie', async () => {
    const user = await gw.throwawayUser();
    const session = await gw.signIn(user.username, user.password);
    expect((await me(session.json.accessToken)).status).toBe(200);

    const out = await gw.api('POST', SIGN_OUT, {
      token: session.json.accessToken,
      headers: { cookie: session.refreshCookie! },
    });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    const cleared = out.headers.getSetCookie().find((c) => c.startsWith('aiplat_refresh='));
    expect(cleared).toBeDefined();
    expect(cleared!.toLowerCase()).toContain('path=/api/v1/auth');
    expect(cleared).toMatch(/^aiplat_refresh=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    const after = await me(session.json.accessToken);
    expect(after.status).toBe(401);
    expect(problemDefects(after)).toEqual([]);
    expect((await refresh(session.refreshCookie!)).status).toBe(401);
    expect((await gw.api('POST', SIGN_OUT, { token: session.json.accessToken })).status).toBe(401);
  });

  it('a second copy of the gateway on the same database stops accepting the token within its 5 s cache', async () => {
    const copy = await startGateway({ copyOf: gw });
    try {
      const user = await gw.throwawayUser();
      const session = await gw.signIn(user.username, user.password);
      const token = session.json.accessToken as string;
      expect((await copy.api('GET', ME, { token })).status).toBe(200); // the copy caches the live session

      const signedOutAt = Date.now();
      expect((await gw.api('POST', SIGN_OUT, { token })).status).toBe(204);
      expect((await me(token)).status).toBe(401); // at once on the gateway that revoked it
      await expect
        .poll(async () => (await copy.api('GET', ME, { token })).status, { timeout: 8_000, interval: 200 })
        .toBe(401);
      expect(Date.now() - signedOutAt).toBeLessThan(5_000 + 1_500);
    } finally {
      await copy.close();
    }
  });
});

describe('administration applies to live sessions', () => {
  it('deactivating a user makes their access token 401 at once, and their refresh cookie too', async () => {
    const user = await gw.throwawayUser();
    const session = await gw.signIn(user.username, user.password);
    expect((await me(session.json.accessToken)).status).toBe(200); // now cached as live

    const res = await gw.api('POST', `/api/v1/users/${user.id}/deactivate`, { token: gw.accounts.admin.token });
    expect(res.status).toBe(200);
    expect(res.json.active).toBe(false);

    expect((await me(session.json.accessToken)).status).toBe(401);
    expect((await refresh(session.refreshCookie!)).status).toBe(401);
    expect((await gw.signIn(user.username, user.password)).status).toBe(401);

    // Reactivation does not bring the old session back; a new sign-in works.
    expect((await gw.api('POST', `/api/v1/users/${user.id}/activate`, { token: gw.accounts.admin.token })).status).toBe(
      200,
    );
    expect((await me(session.json.accessToken)).status).toBe(401);
    expect((await gw.signIn(user.username, user.password)).status).toBe(200);
  });

  it('resetting a password revokes the user’s sessions and only the new password signs in', async () => {
    const user = await gw.throwawayUser();
    const session = await gw.signIn(user.username, user.password);
    expect((await me(session.json.accessToken)).status).toBe(200);
    const password = 'a-brand-new-password-42';
    const res = await gw.api('POST', `/api/v1/users/${user.id}/password`, {
      token: gw.accounts.admin.token,
      body: { password },
    });
    expect(res.status).toBe(204);
    expect((await me(session.json.accessToken)).status).toBe(401);
    expect((await refresh(session.refreshCookie!)).status).toBe(401);
    expect((await gw.signIn(user.username, user.password)).status).toBe(401);
    expect((await gw.signIn(user.username, password)).status).toBe(200);
  });

  it('changing a user’s roles and unit changes /me and what they may do, without signing in again', async () => {
    const user = await gw.throwawayUser({ roles: ['bureau'], unitId: 'city-economy-it' });
    const session = await gw.signIn(user.username, user.password);
    const token = session.json.accessToken as string;
    const before = await me(token);
    expect(before.json.permissions).toEqual(permissionsOf(['bureau']));
    expect(before.json.unit.id).toBe('city-economy-it');
    expect((await gw.api('GET', '/api/v1/audit', { token })).status).toBe(403);

    const patched = await gw.api('PATCH', `/api/v1/users/${user.id}`, {
      token: gw.accounts.admin.token,
      body: { roles: ['office', 'talent'], unitId: 'lg-office' },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.roles).toEqual(['office', 'talent']);

    const after = await me(token);
    expect(after.status).toBe(200);
    expect(after.json.user.roles).toEqual(['office', 'talent']);
    expect(after.json.permissions).toEqual(permissionsOf(['office', 'talent']));
    expect(after.json.user.unitId).toBe('lg-office');
    expect(after.json.unit.id).toBe('lg-office');
    expect((await gw.api('GET', '/api/v1/audit', { token })).status).toBe(200);

    const back = await gw.api('PATCH', `/api/v1/users/${user.id}`, {
      token: gw.accounts.admin.token,
      body: { roles: ['expert'] },
    });
    expect(back.status).toBe(200);
    expect((await me(token)).json.permissions).toEqual(permissionsOf(['expert']));
    expect((await gw.api('GET', '/api/v1/audit', { token })).status).toBe(403);
  });

  it('an admin cannot deactivate their own account', async () => {
    const admin = gw.accounts.admin;
    const res = await gw.api('POST', `/api/v1/users/${admin.id}/deactivate`, { token: admin.token });
    expect(res.status).toBe(422);
    expect(problemDefects(res)).toEqual([]);
    expect((await me(admin.token)).status).toBe(200);
  });
});

describe('bearer tokens', () => {
  it('refuses an expired token, and a well-signed token whose session does not exist', async () => {
    const office = gw.accounts.office;
    const tokens = gw.app.get(AuthService).tokens;
    const claims = { userId: office.id, username: office.username, unitId: office.unitId, roles: office.roles };
    const liveSessionId = (await gw.repo.sessions.findOne({ userId: office.id }).lean().exec())!._id;
    const expired = await tokens.issue(
      { ...claims, sessionId: liveSessionId },
      new Date(Date.now() - (gw.env.ACCESS_TOKEN_TTL_SECONDS + 60) * 1000),
    );
    const noSession = await tokens.issue({ ...claims, sessionId: randomUUID() });
    const control = await tokens.issue({ ...claims, sessionId: liveSessionId });
    expect((await me(control.token)).status).toBe(200);
    for (const token of [expired.token, noSession.token]) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect(problemDefects(res)).toEqual([]);
    }
  });

  it('refuses a missing, malformed, tampered or foreign-signed token with 401', async () => {
    const token = gw.accounts.office.token;
    const [header, payload] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), roles: ['admin'] }),
    ).toString('base64url');
    for (const authorization of [
      undefined,
      'Bearer',
      'Bearer not-a-jwt',
      `Basic ${token}`,
      `Bearer ${header}.${forged}.${token.split('.')[2]}`,
      `Bearer ${header}.${payload}.`,
    ]) {
      const res = await gw.api('GET', ME, { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(problemDefects(res)).toEqual([]);
    }
  });
});
