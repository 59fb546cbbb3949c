import { extendZodWithOpenApi, OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ERROR_CODES } from '@aiplat/contracts';
import { z } from 'zod';

// The generator reads metadata through a method it adds to zod's prototype.
extendZodWithOpenApi(z);
import { API_ROUTES, describeAccess, type ApiRouteSpec } from './api-route';

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional().describe('the request id'),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  code: z.enum(ERROR_CODES).optional().describe('the error code of the status (absent for 405, 413, 415)'),
  dependency: z
    .enum(['nats', 'service', 'database'])
    .optional()
    .describe('on a 503: what is unavailable (NATS, a service that did not answer, or a database)'),
  service: z
    .string()
    .optional()
    .describe('on a 503: the service that did not answer, or whose database is unavailable (`gateway` for its own)'),
  retryAfterSeconds: z.number().int().optional().describe('on a 429 or 503: the same as the Retry-After header'),
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid (missing, wrong type, unknown field, operator key, bad JSON)',
  401: 'No valid bearer token',
  403: 'Your roles do not allow this',
  404: 'Not found',
  409: 'Not allowed from the current state, or a duplicate',
  413: 'Body too large',
  414: 'A path parameter is too long',
  415: 'The body is not application/json',
  422: 'Breaks a business rule, or the Idempotency-Key was used for another request',
  429: 'Too many attempts (see Retry-After)',
  500: 'Unexpected error (logged with the request id)',
  503: 'A dependency is unavailable (NATS, a service, or a database): retry after Retry-After',
};

const RETRY_AFTER_HEADER = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
};

/** The OpenAPI 3.1 document, generated from the route declarations (committed as docs/openapi.json). */
export function buildOpenApiDocument(routes: readonly ApiRouteSpec[] = API_ROUTES): object {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const problemRef = registry.register('Problem', problemSchema);
  for (const r of [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))) {
    // Every route may meet an outage (NATS, a service, the gateway's or a service's database): 503.
    // A path parameter longer than the router takes: 414. A state-changing request: a body too
    // large or not JSON (413, 415), and its Idempotency-Key reused for another request (422).
    const changes = r.method !== 'GET';
    const errors = new Set<number>([
      400,
      500,
      503,
      ...(r.access === 'public' ? [] : [401, 403]),
      ...(r.path.includes('{') ? [414] : []),
      ...(changes ? [413, 415, 422] : []),
      ...(r.errors ?? []),
    ]);
    const responses: Record<string, unknown> = {
      [r.success.status]: {
        description: r.success.description,
        ...(r.success.schema ? { content: { 'application/json': { schema: r.success.schema } } } : {}),
        ...(r.success.files
          ? {
              content: Object.fromEntries(
                r.success.files.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
              ),
            }
          : {}),
      },
    };
    for (const s of [...errors].sort()) {
      responses[s] = {
        description: ERROR_DESCRIPTIONS[s] ?? 'Error',
        ...(s === 429 || s === 503 ? { headers: RETRY_AFTER_HEADER } : {}),
        content: { 'application/problem+json': { schema: problemRef } },
      };
    }
    registry.registerPath({
      method: r.method.toLowerCase() as 'get',
      path: r.path,
      operationId: r.operationId,
      summary: r.summary,
      description: `Access: ${describeAccess(r.access)}.${r.idempotent ? ' Honours `Idempotency-Key`.' : ''}`,
      tags: [r.tag],
      ...(r.access === 'public' ? {} : { security: [{ [bearer.name]: [] }] }),
      request: {
        ...(r.params ? { params: r.params as z.ZodObject } : {}),
        ...(r.query ? { query: r.query as z.ZodObject } : {}),
        ...(r.body ? { body: { content: { 'application/json': { schema: r.body } } } } : {}),
        headers: z.object({
          'X-Request-Id': z.string().optional(),
          ...(r.idempotent ? { 'Idempotency-Key': z.string().optional() } : {}),
        }),
      },
      responses: responses as never,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'AI-industry leading-group platform API',
      version: '1.0.0',
      description:
        'The HTTP API of the leading-group platform (人工智能产业发展领导小组工作平台). Every error is application/problem+json.',
    },
    servers: [{ url: '/' }],
  });
}
