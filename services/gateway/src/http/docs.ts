import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { dirname } from 'node:path';
import { buildOpenApiDocument } from './openapi';

const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>API · AI-industry leading-group platform</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

/** `/api/openapi.json` and a Swagger UI at `/api/docs` (assets from swagger-ui-dist, nothing from a CDN). */
export async function registerApiDocs(app: FastifyInstance): Promise<void> {
  const document = buildOpenApiDocument();
  app.get('/api/openapi.json', async (_req, reply) => reply.type('application/json').send(document));
  app.get('/api/docs', async (_req, reply) => reply.type('text/html').send(DOCS_PAGE));
  app.get('/api/docs/init.js', async (_req, reply) =>
    reply
      .type('application/javascript')
      .send(`window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });`),
  );
  await app.register(fastifyStatic, { root: SWAGGER_UI_DIR, prefix: '/api/docs/assets/', decorateReply: false });
}
