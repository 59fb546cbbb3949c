import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemDefects, startGateway, type Gateway } from './gateway-harness';

/** Account administration rules that keep the platform manageable. */
describe('user administration', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(async () => gw?.close());

  it('refuses to take the admin role from the last active admin, and allows it while another admin is active', async () => {
    const admin = gw.accounts.admin;
    const other = await gw.throwawayUser({ roles: ['admin'], unitId: 'lg-office' });
    expect((await gw.api('POST', `/api/v1/users/${other.id}/deactivate`, { token: admin.token })).status).toBe(200);

    // Only one active admin left: it cannot lose its role.
    const demote = await gw.api('PATCH', `/api/v1/users/${admin.id}`, {
      token: admin.token,
      body: { roles: ['office'] },
    });
    expect(demote.status).toBe(422);
    expect(demote.json.detail).toContain('last active admin');
    expect(problemDefects(demote)).toEqual([]);
    expect((await gw.api('GET', '/api/v1/me', { token: admin.token })).json.user.roles).toEqual(['admin']);

    // With the other admin active again, one of the two may be demoted.
    expect((await gw.api('POST', `/api/v1/users/${other.id}/activate`, { token: admin.token })).status).toBe(200);
    const ok = await gw.api('PATCH', `/api/v1/users/${other.id}`, { token: admin.token, body: { roles: ['expert'] } });
    expect(ok.status).toBe(200);
    expect(ok.json.roles).toEqual(['expert']);
  });

  it('refuses to deactivate the last active admin (another admin account asking)', async () => {
    const admin = gw.accounts.admin;
    const other = await gw.throwawayUser({ roles: ['admin'], unitId: 'lg-office' });
    const otherToken = (await gw.signIn(other.username, gw.throwawayPassword)).json.accessToken;
    // Two active admins: the other deactivates the first…
    expect((await gw.api('POST', `/api/v1/users/${admin.id}/deactivate`, { token: otherToken })).status).toBe(200);
    // …and now nobody may deactivate the remaining one (it cannot deactivate itself either).
    const self = await gw.api('POST', `/api/v1/users/${other.id}/deactivate`, { token: otherToken });
    expect(self.status).toBe(422);
    await gw.api('POST', `/api/v1/users/${admin.id}/activate`, { token: otherToken });
  });

  it('refuses passwords that are easy to guess on creation and on reset, and changes nothing', async () => {
    const account = await gw.throwawayUser({ roles: ['admin'], unitId: 'lg-office' });
    const admin = (await gw.signIn(account.username, account.password)).json.accessToken as string;
    const spec = { displayName: '弱口令', unitId: 'city-drc', roles: ['bureau'] };
    for (const password of ['password1234', 'aaaaaaaaaaaaaaaa', 'qwertyuiopasdf', '123456789012']) {
      const res = await gw.api('POST', '/api/v1/users', {
        token: admin,
        body: { ...spec, username: `weak-${password.slice(0, 4)}-${Date.now()}`, password },
      });
      expect(res.status, password).toBe(400);
      expect(problemDefects(res)).toEqual([]);
      expect(res.json.errors).toEqual([
        { path: 'body.password', message: expect.stringContaining('too easy to guess') },
      ]);
    }
    const strong = await gw.api('POST', '/api/v1/users', {
      token: admin,
      body: { ...spec, username: `strong-${Date.now()}`, password: 'river-lantern-copper-91' },
    });
    expect(strong.status, strong.text).toBe(201);

    const target = await gw.throwawayUser();
    const weakReset = await gw.api('POST', `/api/v1/users/${target.id}/password`, {
      token: admin,
      body: { password: 'Passw0rd!2024' },
    });
    expect(weakReset.status).toBe(400);
    // The old password still works: nothing changed.
    expect((await gw.signIn(target.username, target.password)).status).toBe(200);
  });
});
