import {
  createTalentRpc,
  decidePackageRpc,
  getTalentRpc,
  healthCheckRpc,
  linkTalentRpc,
  listTalentRpc,
  logTalentContactRpc,
  moveTalentRpc,
  offerPackageRpc,
  recordTalentFollowUpRpc,
  setTalentTargetRpc,
  talentFiguresRpc,
  type RpcRequestOf,
} from '@aiplat/contracts';
import { healthReply, RpcPayload } from '@aiplat/messaging';
import { HealthRegistry } from '@aiplat/observability';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Talents } from '../talent/talents';

/** Request/reply handlers: validate (by contract), call one use case. */
@Controller()
export class TalentRpcController {
  constructor(
    private readonly talents: Talents,
    private readonly health: HealthRegistry,
  ) {}

  @MessagePattern(healthCheckRpc('talent').subject)
  healthCheck() {
    return healthReply('talent', this.health);
  }

  @MessagePattern(createTalentRpc.subject)
  create(@RpcPayload(createTalentRpc) req: RpcRequestOf<typeof createTalentRpc>) {
    const { context, ...input } = req;
    return this.talents.create(context, input);
  }

  @MessagePattern(getTalentRpc.subject)
  get(@RpcPayload(getTalentRpc) req: RpcRequestOf<typeof getTalentRpc>) {
    return this.talents.get(req.context, req.id);
  }

  @MessagePattern(listTalentRpc.subject)
  list(@RpcPayload(listTalentRpc) req: RpcRequestOf<typeof listTalentRpc>) {
    return this.talents.list(req.context, req.filter, req.limit, req.after);
  }

  @MessagePattern(moveTalentRpc.subject)
  move(@RpcPayload(moveTalentRpc) req: RpcRequestOf<typeof moveTalentRpc>) {
    const { context, ...input } = req;
    return this.talents.move(context, input);
  }

  @MessagePattern(logTalentContactRpc.subject)
  logContact(@RpcPayload(logTalentContactRpc) req: RpcRequestOf<typeof logTalentContactRpc>) {
    const { context, ...input } = req;
    return this.talents.logContact(context, input);
  }

  @MessagePattern(offerPackageRpc.subject)
  offer(@RpcPayload(offerPackageRpc) req: RpcRequestOf<typeof offerPackageRpc>) {
    const { context, ...input } = req;
    return this.talents.offerPackage(context, input);
  }

  @MessagePattern(decidePackageRpc.subject)
  decide(@RpcPayload(decidePackageRpc) req: RpcRequestOf<typeof decidePackageRpc>) {
    const { context, ...input } = req;
    return this.talents.decidePackage(context, input);
  }

  @MessagePattern(linkTalentRpc.subject)
  link(@RpcPayload(linkTalentRpc) req: RpcRequestOf<typeof linkTalentRpc>) {
    const { context, ...input } = req;
    return this.talents.link(context, input);
  }

  @MessagePattern(recordTalentFollowUpRpc.subject)
  followUp(@RpcPayload(recordTalentFollowUpRpc) req: RpcRequestOf<typeof recordTalentFollowUpRpc>) {
    const { context, ...input } = req;
    return this.talents.recordFollowUp(context, input);
  }

  @MessagePattern(talentFiguresRpc.subject)
  figures(@RpcPayload(talentFiguresRpc) req: RpcRequestOf<typeof talentFiguresRpc>) {
    return this.talents.figures(req.context, req.year);
  }

  @MessagePattern(setTalentTargetRpc.subject)
  setTarget(@RpcPayload(setTalentTargetRpc) req: RpcRequestOf<typeof setTalentTargetRpc>) {
    const { context, ...input } = req;
    return this.talents.setTarget(context, input);
  }
}
