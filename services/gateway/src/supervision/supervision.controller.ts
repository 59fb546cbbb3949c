import {
  closeNoticeRpc,
  decideExtensionRpc,
  extensionStatusSchema,
  extensionViewSchema,
  getNoticeRpc,
  listExtensionsRpc,
  listNoticesRpc,
  noticeStatusSchema,
  noticeViewSchema,
  requestExtensionRpc,
  respondToNoticeRpc,
  sendNoticeRpc,
  supervisionCursorSchema,
  taskCodeParam,
} from '@aiplat/contracts';
import { RpcClient } from '@aiplat/messaging';
import { Controller } from '@nestjs/common';
import { z } from 'zod';
import { ApiRoute } from '../http/api-route';
import { text } from '../http/fields';
import {
  CurrentPrincipal,
  RequestId,
  ValidBody,
  ValidParams,
  ValidQuery,
  type Principal,
} from '../http/request-context';
import { callService } from '../http/service-call';

/** A calendar day, `YYYY-MM-DD`. */
const day = z.iso.date();

const codeParams = z.object({ code: taskCodeParam }).strict();
const idParams = z.object({ id: z.uuid() }).strict();
const page = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: supervisionCursorSchema.optional(),
};

const sendBody = z
  .object({ reason: text(2000), requiredResponse: text(2000), deadline: day.describe('the response deadline') })
  .strict();
const noticeListQuery = z
  .object({ status: noticeStatusSchema.optional(), taskCode: taskCodeParam.optional(), ...page })
  .strict();
const respondBody = z.object({ response: text(5000), evidence: text(5000).optional() }).strict();
const closeBody = z
  .object({ comment: text(2000).optional() })
  .strict()
  .optional();
const extensionBody = z.object({ dueDate: day.describe('the due date asked for'), reason: text(2000) }).strict();
const extensionListQuery = z
  .object({ status: extensionStatusSchema.optional(), taskCode: taskCodeParam.optional(), ...page })
  .strict();
const decisionBody = z
  .object({ approve: z.boolean(), reason: text(2000).optional().describe('required when rejecting') })
  .strict();

const noticePage = z.object({ items: z.array(noticeViewSchema), next: z.string().optional() });
const extensionPage = z.object({ items: z.array(extensionViewSchema), next: z.string().optional() });

/** Supervision notices (督办) and extension requests (延期申请): served by the tasks service over NATS. */
@Controller()
export class SupervisionController {
  constructor(private readonly rpc: RpcClient) {}

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/tasks/{code}/supervision-notices',
    operationId: 'sendSupervisionNotice',
    summary: 'Send a supervision notice on a task: reason, required response, response deadline',
    tag: 'supervision',
    access: 'supervision.manage',
    params: codeParams,
    body: sendBody,
    success: { status: 201, description: 'The notice, open', schema: noticeViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'supervision.send', target: (r) => `task:${r.params.code}` },
  })
  send(
    @ValidParams() params: z.infer<typeof codeParams>,
    @ValidBody() body: z.infer<typeof sendBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, sendNoticeRpc, p, requestId, { code: params.code, ...body });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/supervision-notices',
    operationId: 'listSupervisionNotices',
    summary: 'Supervision notices you may see (bureau staff: on your unit’s tasks), newest first',
    tag: 'supervision',
    access: 'supervision.view',
    query: noticeListQuery,
    success: {
      status: 200,
      description: 'A page of notices; pass `next` as `after` for the next page',
      schema: noticePage,
    },
    errors: [503],
  })
  list(
    @ValidQuery() q: z.infer<typeof noticeListQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, listNoticesRpc, p, requestId, {
      filter: { ...(q.status ? { status: q.status } : {}), ...(q.taskCode ? { taskCode: q.taskCode } : {}) },
      limit: q.limit,
      ...(q.after ? { after: q.after } : {}),
    });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/supervision-notices/{id}',
    operationId: 'getSupervisionNotice',
    summary: 'One supervision notice with its response, history and what you may do next',
    tag: 'supervision',
    access: 'supervision.view',
    params: idParams,
    success: { status: 200, description: 'The notice', schema: noticeViewSchema },
    errors: [404, 503],
  })
  get(
    @ValidParams() params: z.infer<typeof idParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, getNoticeRpc, p, requestId, { id: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/supervision-notices/{id}/responses',
    operationId: 'respondToSupervisionNotice',
    summary: 'Respond to an open or escalated supervision notice (staff of a lead unit of its task)',
    tag: 'supervision',
    access: 'tasks.report',
    params: idParams,
    body: respondBody,
    success: { status: 200, description: 'The notice, responded', schema: noticeViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'supervision.respond', target: (r) => `supervision-notice:${r.params.id}` },
  })
  respond(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof respondBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, respondToNoticeRpc, p, requestId, {
      id: params.id,
      response: body.response,
      ...(body.evidence ? { evidence: body.evidence } : {}),
    });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/supervision-notices/{id}/close',
    operationId: 'closeSupervisionNotice',
    summary: 'Close a responded supervision notice, optionally with a comment',
    tag: 'supervision',
    access: 'supervision.manage',
    params: idParams,
    body: closeBody,
    success: { status: 200, description: 'The notice, closed', schema: noticeViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'supervision.close', target: (r) => `supervision-notice:${r.params.id}` },
  })
  close(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof closeBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, closeNoticeRpc, p, requestId, {
      id: params.id,
      ...(body?.comment ? { comment: body.comment } : {}),
    });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/tasks/{code}/extension-requests',
    operationId: 'requestTaskExtension',
    summary: 'Ask for a later due date of a task your unit leads (one open request per task)',
    tag: 'supervision',
    access: 'tasks.report',
    params: codeParams,
    body: extensionBody,
    success: { status: 201, description: 'The request, pending', schema: extensionViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'extension.request', target: (r) => `task:${r.params.code}` },
  })
  requestExtension(
    @ValidParams() params: z.infer<typeof codeParams>,
    @ValidBody() body: z.infer<typeof extensionBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, requestExtensionRpc, p, requestId, {
      code: params.code,
      dueDate: body.dueDate,
      reason: body.reason,
    });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/extension-requests',
    operationId: 'listExtensionRequests',
    summary: 'Extension requests you may see (bureau staff: on your unit’s tasks), newest first',
    tag: 'supervision',
    access: ['supervision.view', 'tasks.report'],
    query: extensionListQuery,
    success: {
      status: 200,
      description: 'A page of requests; pass `next` as `after` for the next page',
      schema: extensionPage,
    },
    errors: [503],
  })
  listExtensions(
    @ValidQuery() q: z.infer<typeof extensionListQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, listExtensionsRpc, p, requestId, {
      filter: { ...(q.status ? { status: q.status } : {}), ...(q.taskCode ? { taskCode: q.taskCode } : {}) },
      limit: q.limit,
      ...(q.after ? { after: q.after } : {}),
    });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/extension-requests/{id}/decision',
    operationId: 'decideExtensionRequest',
    summary: 'Approve (the task’s due date changes) or reject (with a reason) a pending extension request',
    tag: 'supervision',
    access: 'supervision.manage',
    params: idParams,
    body: decisionBody,
    success: { status: 200, description: 'The request, decided', schema: extensionViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: {
      action: 'extension.decide',
      target: (r) =>
        `extension-request:${r.params.id}:${(r.body as { approve?: unknown })?.approve === true ? 'approve' : 'reject'}`,
    },
  })
  decide(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof decisionBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, decideExtensionRpc, p, requestId, {
      id: params.id,
      approve: body.approve,
      ...(body.reason ? { reason: body.reason } : {}),
    });
  }
}
