import {
  getReportRpc,
  getTaskRpc,
  listReportsRpc,
  missingReportsRpc,
  milestoneUpdateSchema,
  reportIdSchema,
  reportPeriodSchema,
  reportStatusSchema,
  reportViewSchema,
  returnReportRpc,
  submitReportRpc,
  taskCodeParam,
  taskDetailSchema,
  taskEditSchema,
  updateTaskRpc,
} from '@aiplat/contracts';
import { RpcClient } from '@aiplat/messaging';
import { Controller, Req } from '@nestjs/common';
import { z } from 'zod';
import { auditChanges } from '../audit/audit-changes';
import { ApiRoute } from '../http/api-route';
import { text, unitIdField } from '../http/fields';
import {
  CurrentPrincipal,
  RequestId,
  ValidBody,
  ValidParams,
  ValidQuery,
  type GatewayRequest,
  type Principal,
} from '../http/request-context';
import { callService } from '../http/service-call';

const codeParams = z.object({ code: taskCodeParam }).strict();
const idParams = z.object({ id: reportIdSchema }).strict();
const submitBody = z
  .object({
    period: reportPeriodSchema,
    narrative: text(20_000),
    progress: z.number().min(0).max(100),
    milestoneUpdates: z.array(milestoneUpdateSchema).max(100).optional(),
    problems: text(5_000).optional(),
    coordinationRequests: text(5_000).optional(),
  })
  .strict();
const returnBody = z
  .object({ comment: text(2000), expectedVersion: z.number().int().nonnegative().optional() })
  .strict();
const listQuery = z
  .object({
    taskCode: taskCodeParam.optional(),
    unitId: unitIdField.optional(),
    period: reportPeriodSchema.optional(),
    status: reportStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    after: reportIdSchema.optional(),
  })
  .strict();
const missingQuery = z.object({ period: reportPeriodSchema.optional(), unitId: unitIdField.optional() }).strict();
const editBody = z
  .object({ changes: taskEditSchema, expectedVersion: z.number().int().nonnegative().optional() })
  .strict();

/** Progress reports (进展报告) and the office's edits of a task: served by the tasks service. */
@Controller()
export class ReportsController {
  constructor(private readonly rpc: RpcClient) {}

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/tasks/{code}/reports',
    operationId: 'submitReport',
    summary:
      'Submit your unit’s progress report for a period (again after the office returned it); a lead unit’s report sets the task’s progress and milestones',
    tag: 'reports',
    access: 'tasks.report',
    params: codeParams,
    body: submitBody,
    success: { status: 201, description: 'The report, submitted', schema: reportViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: {
      action: 'report.submit',
      target: (r) => `task:${r.params.code}:${(r.body as { period?: string })?.period ?? '?'}`,
    },
  })
  submit(
    @ValidParams() params: z.infer<typeof codeParams>,
    @ValidBody() body: z.infer<typeof submitBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, submitReportRpc, p, requestId, { code: params.code, ...body });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/reports',
    operationId: 'listReports',
    summary: 'Progress reports you may see (bureau staff: on your unit’s tasks), by task, unit and period',
    tag: 'reports',
    access: 'tasks.view',
    query: listQuery,
    success: {
      status: 200,
      description: 'A page of reports; pass `next` as `after` for the next page',
      schema: listReportsRpc.response,
    },
    errors: [503],
  })
  list(@ValidQuery() q: z.infer<typeof listQuery>, @CurrentPrincipal() p: Principal, @RequestId() requestId: string) {
    const { limit, after, ...filter } = q;
    return callService(this.rpc, listReportsRpc, p, requestId, { filter, limit, ...(after ? { after } : {}) });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/reports/missing',
    operationId: 'listMissingReports',
    summary:
      'Reports due but missing for a period (default: the latest whose deadline has passed): open tasks and lead units without one',
    tag: 'reports',
    access: 'tasks.view',
    query: missingQuery,
    success: {
      status: 200,
      description: 'The period, its deadline and what is missing',
      schema: missingReportsRpc.response,
    },
    errors: [503],
  })
  missing(
    @ValidQuery() q: z.infer<typeof missingQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, missingReportsRpc, p, requestId, { ...q });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/reports/{id}',
    operationId: 'getReport',
    summary: 'One progress report with its history and what you may do with it',
    tag: 'reports',
    access: 'tasks.view',
    params: idParams,
    success: { status: 200, description: 'The report', schema: reportViewSchema },
    errors: [404, 503],
  })
  get(
    @ValidParams() params: z.infer<typeof idParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, getReportRpc, p, requestId, { id: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/reports/{id}/return',
    operationId: 'returnReport',
    summary: 'Return a submitted report to its unit for rework, with a comment',
    tag: 'reports',
    access: 'tasks.manage',
    params: idParams,
    body: returnBody,
    success: { status: 200, description: 'The report, returned', schema: reportViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'report.return', target: (r) => `report:${r.params.id}` },
  })
  returnReport(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof returnBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, returnReportRpc, p, requestId, { id: params.id, ...body });
  }

  @ApiRoute({
    method: 'PATCH',
    path: '/api/v1/tasks/{code}',
    operationId: 'updateTask',
    summary: 'Edit a task’s details: description, dates, contacts, milestones, weight, risk level',
    tag: 'tasks',
    access: 'tasks.manage',
    params: codeParams,
    body: editBody,
    success: { status: 200, description: 'The task after the edit', schema: taskDetailSchema },
    errors: [404, 409, 503],
    audit: { action: 'task.update', target: (r) => `task:${r.params.code}` },
  })
  async update(
    @ValidParams() params: z.infer<typeof codeParams>,
    @ValidBody() body: z.infer<typeof editBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
    @Req() req: GatewayRequest,
  ) {
    // The task as it was, so that the audit record says what the edit changed.
    const before = await callService(this.rpc, getTaskRpc, p, requestId, { code: params.code });
    const after = await callService(this.rpc, updateTaskRpc, p, requestId, { code: params.code, ...body });
    auditChanges(req, before, after, Object.keys(body.changes));
    return after;
  }
}
