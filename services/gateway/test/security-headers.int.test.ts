import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from './gateway-harness';

const CONSOLE_DIR = join(__dirname, '../../console/dist');

/** Every answer of the HTTP edge carries the security headers: the API, the console and the API docs. */
describe('security headers', () => {
  let gw: Gateway;

  beforeAll(async () => {
    if (!existsSync(join(CONSOLE_DIR, 'index.html')))
      throw new Error('build the console first: pnpm --filter @aiplat/console build');
    gw = await startGateway({ env: { CONSOLE_DIR } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  const get = (path: string, token?: string) =>
    fetch(`${gw.baseUrl}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  function expectCommon(res: Response) {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  }

  it('API answers with personal data are not stored by any cache', async () => {
    const me = await get('/api/v1/me', gw.accounts.office.token);
    expect(me.status).toBe(200);
    expectCommon(me);
    expect(me.headers.get('cache-control')).toBe('no-store');
    // A refusal carries them too.
    const anonymous = await get('/api/v1/me');
    expect(anonymous.status).toBe(401);
    expectCommon(anonymous);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
  });

  it('the console and its assets', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expectCommon(page);
    const html = await page.text();
    // The policy holds because the page has no inline script: every script comes from a file.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const asset = html.match(/src="\.?\/(assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeDefined();
    const script = await get(`/${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the API docs', async () => {
    const docs = await get('/api/docs');
    expect(docs.status).toBe(200);
    expectCommon(docs);
    expect(await docs.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
