import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../audit/audit.service';
import { API_ROUTES, type ApiRouteSpec } from './api-route';
import type { GatewayRequest } from './request-context';

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

function specByRoute(): Map<string, ApiRouteSpec> {
  return new Map(API_ROUTES.map((r) => [`${r.method} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`, r]));
}

/**
 * Request ids and the audit trail, as Fastify hooks so they also see requests
 * refused before any Nest code runs (unauthenticated, forbidden, bad JSON).
 *  - `X-Request-Id` is taken from the caller when well-formed, else generated;
 *    it is echoed back and becomes the correlation id of everything that follows.
 *  - Every state-changing request is audited with its outcome.
 */
export function registerRequestHooks(app: FastifyInstance, audit: AuditService): void {
  const specs = specByRoute();
  app.decorateRequest('requestId', '');
  app.addHook('onRequest', async (req, reply) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    (req as GatewayRequest).requestId = id;
    void reply.header('X-Request-Id', id);
  });
  app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const r = req as GatewayRequest;
    const route = req.routeOptions.url ?? req.url.split('?')[0] ?? '';
    const spec = specs.get(`${req.method} ${route}`);
    const status = reply.statusCode;
    let target: string | undefined;
    try {
      const t: unknown = spec?.audit?.target?.({
        params: (req.params ?? {}) as Record<string, string>,
        body: req.body,
      });
      // A probe may send anything as a username: keep the target only when it is text.
      target = typeof t === 'string' ? t : undefined;
    } catch {
      target = undefined;
    }
    void audit.record({
      at: new Date(),
      requestId: r.requestId,
      method: req.method,
      route,
      action: spec?.audit?.action ?? 'unknown',
      ...(target ? { target: target.slice(0, 200) } : {}),
      ...(r.principal
        ? {
            actor: {
              userId: r.principal.userId,
              username: r.principal.username,
              unitId: r.principal.unitId,
              roles: r.principal.roles,
            },
          }
        : {}),
      status,
      outcome: status < 400 ? 'succeeded' : status < 500 ? 'refused' : 'failed',
      ...(r.auditChanges?.length && status < 400 ? { changes: r.auditChanges } : {}),
      ip: req.ip,
    });
  });
}
