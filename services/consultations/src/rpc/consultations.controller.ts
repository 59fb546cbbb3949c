import {
  adoptResolutionRpc,
  advanceMeetingRpc,
  closeConsultationRpc,
  completeResolutionRpc,
  getConsultationRpc,
  getMeetingRpc,
  healthCheckRpc,
  holdMeetingRpc,
  listConsultationsRpc,
  listOrganisationsRpc,
  registerOrganisationRpc,
  listMeetingsRpc,
  listResolutionsRpc,
  scheduleMeetingRpc,
  scheduleNextMeetingRpc,
  type RpcRequestOf,
} from '@aiplat/contracts';
import { healthReply, RpcPayload } from '@aiplat/messaging';
import { HealthRegistry } from '@aiplat/observability';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Meetings } from '../meeting/meetings';
import { Organisations } from '../organisation/organisations';
import { Records } from '../record/records';
import { Resolutions } from '../resolution/resolutions';

/** Request/reply handlers: validate (by contract), call one use case. */
@Controller()
export class ConsultationsRpcController {
  constructor(
    private readonly records: Records,
    private readonly meetings: Meetings,
    private readonly resolutions: Resolutions,
    private readonly organisations: Organisations,
    private readonly health: HealthRegistry,
  ) {}

  @MessagePattern(healthCheckRpc('consultations').subject)
  healthCheck() {
    return healthReply('consultations', this.health);
  }

  @MessagePattern(registerOrganisationRpc.subject)
  registerOrganisation(@RpcPayload(registerOrganisationRpc) req: RpcRequestOf<typeof registerOrganisationRpc>) {
    const { context, ...input } = req;
    return this.organisations.registerFor(context, input);
  }

  @MessagePattern(listOrganisationsRpc.subject)
  listOrganisations(@RpcPayload(listOrganisationsRpc) req: RpcRequestOf<typeof listOrganisationsRpc>) {
    const { context, limit, ...filter } = req;
    return this.organisations.list(context, filter, limit);
  }

  @MessagePattern(listConsultationsRpc.subject)
  list(@RpcPayload(listConsultationsRpc) req: RpcRequestOf<typeof listConsultationsRpc>) {
    return this.records.list(req.context, req.filter, req.limit, req.after);
  }

  @MessagePattern(getConsultationRpc.subject)
  get(@RpcPayload(getConsultationRpc) req: RpcRequestOf<typeof getConsultationRpc>) {
    return this.records.get(req.context, req.id);
  }

  @MessagePattern(closeConsultationRpc.subject)
  close(@RpcPayload(closeConsultationRpc) req: RpcRequestOf<typeof closeConsultationRpc>) {
    return this.records.close(req.context, req.id, req.reason);
  }

  @MessagePattern(scheduleMeetingRpc.subject)
  schedule(@RpcPayload(scheduleMeetingRpc) req: RpcRequestOf<typeof scheduleMeetingRpc>) {
    const { context, ...input } = req;
    return this.meetings.schedule(context, input);
  }

  @MessagePattern(scheduleNextMeetingRpc.subject)
  scheduleNext(@RpcPayload(scheduleNextMeetingRpc) req: RpcRequestOf<typeof scheduleNextMeetingRpc>) {
    const { context, ...input } = req;
    return this.meetings.scheduleNext(context, input);
  }

  @MessagePattern(listMeetingsRpc.subject)
  listMeetings(@RpcPayload(listMeetingsRpc) req: RpcRequestOf<typeof listMeetingsRpc>) {
    return this.meetings.list(req.context, req.filter, req.limit, req.after);
  }

  @MessagePattern(getMeetingRpc.subject)
  getMeeting(@RpcPayload(getMeetingRpc) req: RpcRequestOf<typeof getMeetingRpc>) {
    return this.meetings.get(req.context, req.id);
  }

  @MessagePattern(holdMeetingRpc.subject)
  hold(@RpcPayload(holdMeetingRpc) req: RpcRequestOf<typeof holdMeetingRpc>) {
    const { context, ...input } = req;
    return this.meetings.hold(context, input);
  }

  @MessagePattern(advanceMeetingRpc.subject)
  advance(@RpcPayload(advanceMeetingRpc) req: RpcRequestOf<typeof advanceMeetingRpc>) {
    const { context, ...input } = req;
    return this.meetings.advance(context, input);
  }

  @MessagePattern(adoptResolutionRpc.subject)
  adopt(@RpcPayload(adoptResolutionRpc) req: RpcRequestOf<typeof adoptResolutionRpc>) {
    const { context, ...input } = req;
    return this.resolutions.adopt(context, input);
  }

  @MessagePattern(completeResolutionRpc.subject)
  complete(@RpcPayload(completeResolutionRpc) req: RpcRequestOf<typeof completeResolutionRpc>) {
    const { context, ...input } = req;
    return this.resolutions.complete(context, input);
  }

  @MessagePattern(listResolutionsRpc.subject)
  listResolutions(@RpcPayload(listResolutionsRpc) req: RpcRequestOf<typeof listResolutionsRpc>) {
    return this.resolutions.list(req.context, req.filter, req.limit, req.after);
  }
}
