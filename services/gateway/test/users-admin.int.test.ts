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
});
