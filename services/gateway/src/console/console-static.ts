import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built web console at `/`. The console routes with the URL hash
 * (`/#/tasks`), so only real files are served and unknown paths stay 404s of
 * the API. index.html is revalidated on every load; hashed assets are cached for good.
 */
export async function registerConsole(app: FastifyInstance, dir: string | undefined): Promise<boolean> {
  if (!dir || !existsSync(join(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    decorateReply: false,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}
