import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The built console the gateway serves in browser tests, and where their screenshots go. */
export const CONSOLE_DIR = resolve(__dirname, '../../console/dist');
export const ARTIFACTS = resolve(__dirname, '../../../test-artifacts/console');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with the flags this closed network needs. Also
 * points the gateway at the built console (set before the gateway starts).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(join(CONSOLE_DIR, 'index.html')))
    throw new Error('build the console first: pnpm --filter @aiplat/console build');
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  process.env.CONSOLE_DIR = CONSOLE_DIR;
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new page signed in to the console through its sign-in form as `account`. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  account: { readonly username: string; readonly password: string },
  viewport: { width: number; height: number },
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(baseUrl);
  await page.getByTestId('sign-in-username').fill(account.username);
  await page.getByTestId('sign-in-password').fill(account.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('user-name').waitFor();
  return page;
}
