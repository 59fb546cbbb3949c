import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The headers every answer carries (API, console, API docs), through @fastify/helmet:
 *  - a Content-Security-Policy that allows scripts from this origin only — the console and the
 *    API docs have no inline script — styles from this origin plus inline style (Swagger UI and
 *    React set `style`), images and fonts from this origin and `data:`, and no framing at all
 *    (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for older browsers);
 *  - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, cross-origin isolation of
 *    windows and resources, and HSTS when the console is served over HTTPS (`COOKIE_SECURE=true`,
 *    the default; browsers ignore HSTS on plain HTTP);
 *  - `Cache-Control: no-store` on API answers (they carry personal data and tokens), unless a
 *    route set its own (downloads, the calendar feed).
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // Swagger UI and the console load nothing cross-origin; no need to demand CORP of it.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/v1/') && !reply.hasHeader('Cache-Control'))
      void reply.header('Cache-Control', 'no-store');
  });
}
