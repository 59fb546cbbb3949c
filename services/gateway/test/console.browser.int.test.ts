import { permissionsOf } from '@aiplat/contracts';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from './browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_NAMES, startGateway, type AccountName, type Gateway } from './gateway-harness';

/**
 * The web console in a real browser (Debian's Chromium driven by playwright-core)
 * against the real gateway, NATS and database. Screenshots are kept in
 * test-artifacts/console/ for people to look at.
 */
/** Navigation permissions the console knows; each shows as `nav-<permission>` when the user holds it. */
const NAV_PERMISSIONS = [
  'dashboard.view',
  'tasks.view',
  'supervision.view',
  'committee.view',
  'consultations.view',
  'talent.view',
  'funding.view',
  'reports.view',
  'audit.view',
  'users.manage',
];

describe('web console', () => {
  let gw: Gateway;
  let browser: Browser;

  beforeAll(async () => {
    // Launched first: it points the gateway at the built console.
    browser = await launchBrowser();
    gw = await startGateway();
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    delete process.env.CONSOLE_DIR;
  });

  async function signIn(page: Page, name: AccountName) {
    const account = gw.accounts[name];
    await page.goto(gw.baseUrl);
    await page.getByTestId('sign-in-username').fill(account.username);
    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-name').waitFor();
  }

  it.each(ACCOUNT_NAMES)(
    'signs in as %s, shows that role’s navigation, switches language and signs out',
    async (name) => {
      const account = gw.accounts[name];
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await signIn(page, name);
        expect(await page.getByTestId('user-name').textContent()).toContain(account.displayName);
        const held = permissionsOf(account.roles);
        for (const permission of NAV_PERMISSIONS) {
          await expect
            .poll(() => page.getByTestId(`nav-${permission}`).count(), { message: `${name}: nav-${permission}` })
            .toBe(held.includes(permission as never) ? 1 : 0);
        }
        expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
        await page.screenshot({ path: join(ARTIFACTS, `${name}-zh.png`) });

        await page.getByTestId('lang-switch').click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
        await page.screenshot({ path: join(ARTIFACTS, `${name}-en.png`) });

        await page.getByTestId('sign-out').click();
        await page.getByTestId('sign-in-form').waitFor();
        // The session is gone on the server too: a reload does not sign back in.
        await page.reload();
        await page.getByTestId('sign-in-form').waitFor();
      } finally {
        await page.close();
      }
    },
  );

  it('shows the server’s refusal on a wrong password and keeps the user on the sign-in page', async () => {
    const page = await browser.newPage({ viewport: { width: 820, height: 1180 } });
    try {
      await page.goto(gw.baseUrl);
      await page.getByTestId('sign-in-username').fill('office');
      await page.getByTestId('sign-in-password').fill('not-the-password');
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('sign-in-error').waitFor();
      expect(await page.getByTestId('user-name').count()).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'sign-in-refused-tablet.png') });
    } finally {
      await page.close();
    }
  });

  it('restores the session on reload through the refresh cookie', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await signIn(page, 'office');
      await page.reload();
      await page.getByTestId('user-name').waitFor();
      expect(await page.getByTestId('nav-tasks.view').count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});
