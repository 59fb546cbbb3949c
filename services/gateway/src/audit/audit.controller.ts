import { Controller } from '@nestjs/common';
import { z } from 'zod';
import { ApiRoute } from '../http/api-route';
import { ValidQuery } from '../http/request-context';
import { AuditService } from './audit.service';

const auditQuery = z
  .object({
    actorId: z.uuid().optional(),
    action: z
      .string()
      .regex(/^[a-z_.]+$/)
      .max(64)
      .optional(),
    before: z.iso.datetime().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const auditEntry = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  requestId: z.string(),
  method: z.string(),
  route: z.string(),
  action: z.string(),
  target: z.string().optional(),
  actor: z
    .object({ userId: z.string(), username: z.string(), unitId: z.string(), roles: z.array(z.string()) })
    .optional(),
  status: z.number(),
  outcome: z.enum(['succeeded', 'refused', 'failed']),
  /** An edit's changed fields, from → to as text (secrets and contact details without values). */
  changes: z.array(z.object({ field: z.string(), from: z.string().optional(), to: z.string().optional() })).optional(),
});

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/audit',
    operationId: 'listAudit',
    summary: 'State-changing requests, newest first (page with `before`)',
    tag: 'audit',
    access: 'audit.view',
    query: auditQuery,
    success: { status: 200, description: 'Audit records', schema: z.object({ items: z.array(auditEntry) }) },
  })
  async list(@ValidQuery() q: z.infer<typeof auditQuery>) {
    const docs = await this.audit.list({
      limit: q.limit,
      ...(q.actorId ? { actorId: q.actorId } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.before ? { before: new Date(q.before) } : {}),
    });
    return {
      items: docs.map(({ _id, at, ip: _ip, ...rest }) => ({ id: _id, at: at.toISOString(), ...rest })),
    };
  }
}
