import {
  getPlanRpc,
  planViewSchema,
  publishPlanRpc,
  getTaskRpc,
  importPolicyRpc,
  listTasksRpc,
  moveTaskRpc,
  taskCodeParam,
  taskDetailSchema,
  taskMoveSchema,
  taskStatusSchema,
  taskSummarySchema,
} from '@aiplat/contracts';
import { RpcClient } from '@aiplat/messaging';
import { Controller } from '@nestjs/common';
import { z } from 'zod';
import { ApiRoute } from '../http/api-route';
import { unitIdField } from '../http/fields';
import { callService } from '../http/service-call';
import {
  CurrentPrincipal,
  RequestId,
  ValidBody,
  ValidParams,
  ValidQuery,
  type Principal,
} from '../http/request-context';

const codeParams = z.object({ code: taskCodeParam }).strict();
const listQuery = z
  .object({
    status: taskStatusSchema.optional(),
    unitId: unitIdField.optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    topLevelOnly: z.enum(['true', 'false']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    riskLevel: z.enum(['none', 'low', 'medium', 'high']).optional(),
    section: z.coerce.number().int().min(1).max(99).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    after: taskCodeParam.optional(),
  })
  .strict();
const moveBody = z
  .object({
    move: taskMoveSchema,
    reason: z.string().trim().min(1).max(2000).optional(),
    expectedVersion: z.number().int().nonnegative().optional(),
  })
  .strict();
const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
const importBody = z
  .object({ year: z.number().int().min(2000).max(2100), text: z.string().min(1).max(500_000) })
  .strict();

/** Key tasks (重点任务): served by the tasks service over NATS. */
@Controller()
export class TasksController {
  constructor(private readonly rpc: RpcClient) {}

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/tasks',
    operationId: 'listTasks',
    summary:
      'Key tasks you may see (bureau staff: where your unit is lead or co-responsible), filtered by status, unit, year, section, risk, overdue and words, paged by code',
    tag: 'tasks',
    access: 'tasks.view',
    query: listQuery,
    success: {
      status: 200,
      description: 'A page of tasks; pass `next` as `after` for the next page',
      schema: z.object({ items: z.array(taskSummarySchema), next: z.string().optional() }),
    },
    errors: [503],
  })
  list(@ValidQuery() q: z.infer<typeof listQuery>, @CurrentPrincipal() p: Principal, @RequestId() requestId: string) {
    return callService(this.rpc, listTasksRpc, p, requestId, {
      filter: {
        ...(q.status ? { status: q.status } : {}),
        ...(q.unitId ? { unitId: q.unitId } : {}),
        ...(q.year ? { year: q.year } : {}),
        ...(q.topLevelOnly ? { topLevelOnly: q.topLevelOnly === 'true' } : {}),
        ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
        ...(q.riskLevel ? { riskLevel: q.riskLevel } : {}),
        ...(q.section ? { section: q.section } : {}),
        ...(q.q ? { q: q.q } : {}),
      },
      limit: q.limit,
      ...(q.after ? { after: q.after } : {}),
    });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/tasks/{code}',
    operationId: 'getTask',
    summary: 'One key task with milestones, targets, history and the moves you may make',
    tag: 'tasks',
    access: 'tasks.view',
    params: codeParams,
    success: { status: 200, description: 'The task', schema: taskDetailSchema },
    errors: [404, 503],
  })
  get(
    @ValidParams() params: z.infer<typeof codeParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, getTaskRpc, p, requestId, { code: params.code });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/tasks/{code}/moves',
    operationId: 'moveTask',
    summary: 'Move a task in its workflow (assign, start, flag_risk, recover, complete, accept, send_back, cancel)',
    tag: 'tasks',
    access: ['tasks.report', 'tasks.manage'],
    params: codeParams,
    body: moveBody,
    success: { status: 200, description: 'The task after the move', schema: taskDetailSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: {
      action: 'task.move',
      target: (r) => `task:${r.params.code}:${(r.body as { move?: string })?.move ?? '?'}`,
    },
  })
  move(
    @ValidParams() params: z.infer<typeof codeParams>,
    @ValidBody() body: z.infer<typeof moveBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, moveTaskRpc, p, requestId, {
      code: params.code,
      move: body.move,
      ...(body.reason ? { reason: body.reason } : {}),
      ...(body.expectedVersion !== undefined ? { expectedVersion: body.expectedVersion } : {}),
    });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/plans/import',
    operationId: 'importPolicy',
    summary:
      'Import a policy text (the seed’s shape) as the draft work plan of a year; re-importing adds nothing twice',
    tag: 'tasks',
    access: 'tasks.manage',
    body: importBody,
    success: { status: 200, description: 'What was created', schema: importPolicyRpc.response },
    errors: [503],
    idempotent: true,
    audit: { action: 'plan.import', target: (r) => `plan:${(r.body as { year?: number })?.year ?? '?'}` },
  })
  import(
    @ValidBody() body: z.infer<typeof importBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, importPolicyRpc, p, requestId, { ...body }, { timeoutMs: 30_000 });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/plans/{year}',
    operationId: 'getPlan',
    summary: 'A year’s work plan (年度工作要点): state, targets, tasks by status, published versions',
    tag: 'tasks',
    access: 'tasks.view',
    params: yearParams,
    success: { status: 200, description: 'The plan', schema: planViewSchema },
    errors: [404, 503],
  })
  getPlan(
    @ValidParams() params: z.infer<typeof yearParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, getPlanRpc, p, requestId, { year: params.year });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/plans/{year}/publish',
    operationId: 'publishPlan',
    summary: 'Publish a work plan: its draft tasks are assigned to their units; the published version is kept',
    tag: 'tasks',
    access: 'tasks.manage',
    params: yearParams,
    success: { status: 200, description: 'The plan after publication', schema: planViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'plan.publish', target: (r) => `plan:${r.params.year}` },
  })
  publishPlan(
    @ValidParams() params: z.infer<typeof yearParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, publishPlanRpc, p, requestId, { year: params.year }, { timeoutMs: 30_000 });
  }
}
