import {
  closeNoticeRpc,
  decideExtensionRpc,
  getNoticeRpc,
  listExtensionsRpc,
  listNoticesRpc,
  requestExtensionRpc,
  respondToNoticeRpc,
  sendNoticeRpc,
  type RpcRequestOf,
} from '@aiplat/contracts';
import { RpcPayload } from '@aiplat/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ExtensionRequests } from '../supervision/extension-requests';
import { SupervisionNotices } from '../supervision/supervision-notices';

/** Supervision notices and extension requests over request/reply: validate (by contract), call one use case. */
@Controller()
export class SupervisionRpcController {
  constructor(
    private readonly notices: SupervisionNotices,
    private readonly extensions: ExtensionRequests,
  ) {}

  @MessagePattern(sendNoticeRpc.subject)
  send(@RpcPayload(sendNoticeRpc) req: RpcRequestOf<typeof sendNoticeRpc>) {
    return this.notices.send(req.context, {
      code: req.code,
      reason: req.reason,
      requiredResponse: req.requiredResponse,
      deadline: req.deadline,
    });
  }

  @MessagePattern(listNoticesRpc.subject)
  list(@RpcPayload(listNoticesRpc) req: RpcRequestOf<typeof listNoticesRpc>) {
    return this.notices.list(req.context, req.filter, req.limit, req.after);
  }

  @MessagePattern(getNoticeRpc.subject)
  get(@RpcPayload(getNoticeRpc) req: RpcRequestOf<typeof getNoticeRpc>) {
    return this.notices.get(req.context, req.id);
  }

  @MessagePattern(respondToNoticeRpc.subject)
  respond(@RpcPayload(respondToNoticeRpc) req: RpcRequestOf<typeof respondToNoticeRpc>) {
    return this.notices.respond(req.context, {
      id: req.id,
      response: req.response,
      ...(req.evidence ? { evidence: req.evidence } : {}),
    });
  }

  @MessagePattern(closeNoticeRpc.subject)
  close(@RpcPayload(closeNoticeRpc) req: RpcRequestOf<typeof closeNoticeRpc>) {
    return this.notices.close(req.context, { id: req.id, ...(req.comment ? { comment: req.comment } : {}) });
  }

  @MessagePattern(requestExtensionRpc.subject)
  requestExtension(@RpcPayload(requestExtensionRpc) req: RpcRequestOf<typeof requestExtensionRpc>) {
    return this.extensions.request(req.context, { code: req.code, dueDate: req.dueDate, reason: req.reason });
  }

  @MessagePattern(listExtensionsRpc.subject)
  listExtensions(@RpcPayload(listExtensionsRpc) req: RpcRequestOf<typeof listExtensionsRpc>) {
    return this.extensions.list(req.context, req.filter, req.limit, req.after);
  }

  @MessagePattern(decideExtensionRpc.subject)
  decideExtension(@RpcPayload(decideExtensionRpc) req: RpcRequestOf<typeof decideExtensionRpc>) {
    return this.extensions.decide(req.context, {
      id: req.id,
      approve: req.approve,
      ...(req.reason ? { reason: req.reason } : {}),
    });
  }
}
