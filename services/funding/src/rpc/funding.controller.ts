import {
  approveAllocationRpc,
  blacklistApplicantRpc,
  budgetUsageRpc,
  createAllocationRpc,
  getAllocationRpc,
  healthCheckRpc,
  listAllocationsRpc,
  listChecksRpc,
  listLedgerRpc,
  listProgrammesRpc,
  recordReviewRpc,
  rejectAllocationRpc,
  requestReviewRpc,
  seedProgrammesRpc,
  setBudgetRpc,
  submitAllocationRpc,
  trancheActionRpc,
  type RpcRequestOf,
} from '@aiplat/contracts';
import { healthReply, RpcPayload } from '@aiplat/messaging';
import { HealthRegistry } from '@aiplat/observability';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { requirePermission } from '../allocation/allocation';
import { Allocations } from '../allocation/allocations';
import { toCheckView } from '../check/funding-check';
import { FundingChecks } from '../check/funding-checks';
import { Ledger } from '../ledger/ledger';
import { toLedgerView } from '../ledger/ledger-entry';
import { ProgrammeAdmin } from '../programme/programme-admin';

/** Request/reply handlers: thin — validate (by contract), call one use case. */
@Controller()
export class FundingRpcController {
  constructor(
    private readonly allocations: Allocations,
    private readonly programmes: ProgrammeAdmin,
    private readonly checks: FundingChecks,
    private readonly ledger: Ledger,
    private readonly health: HealthRegistry,
  ) {}

  @MessagePattern(healthCheckRpc('funding').subject)
  healthCheck() {
    return healthReply('funding', this.health);
  }

  @MessagePattern(listProgrammesRpc.subject)
  async listProgrammes(@RpcPayload(listProgrammesRpc) req: RpcRequestOf<typeof listProgrammesRpc>) {
    return { items: await this.programmes.list(req.context) };
  }

  @MessagePattern(seedProgrammesRpc.subject)
  seedProgrammes(@RpcPayload(seedProgrammesRpc) req: RpcRequestOf<typeof seedProgrammesRpc>) {
    return this.programmes.seed(req.context);
  }

  @MessagePattern(setBudgetRpc.subject)
  setBudget(@RpcPayload(setBudgetRpc) req: RpcRequestOf<typeof setBudgetRpc>) {
    const { context, ...input } = req;
    return this.programmes.setBudget(context, input);
  }

  @MessagePattern(budgetUsageRpc.subject)
  async budgetUsage(@RpcPayload(budgetUsageRpc) req: RpcRequestOf<typeof budgetUsageRpc>) {
    const { context, ...filter } = req;
    return { items: await this.programmes.usage(context, filter) };
  }

  @MessagePattern(blacklistApplicantRpc.subject)
  blacklist(@RpcPayload(blacklistApplicantRpc) req: RpcRequestOf<typeof blacklistApplicantRpc>) {
    return this.programmes.blacklist(req.context, req.creditCode, req.reason);
  }

  @MessagePattern(createAllocationRpc.subject)
  create(@RpcPayload(createAllocationRpc) req: RpcRequestOf<typeof createAllocationRpc>) {
    const { context, ...input } = req;
    return this.allocations.create(context, input);
  }

  @MessagePattern(getAllocationRpc.subject)
  get(@RpcPayload(getAllocationRpc) req: RpcRequestOf<typeof getAllocationRpc>) {
    return this.allocations.get(req.context, req.allocationId);
  }

  @MessagePattern(listAllocationsRpc.subject)
  async list(@RpcPayload(listAllocationsRpc) req: RpcRequestOf<typeof listAllocationsRpc>) {
    const { context, limit, ...filter } = req;
    return { items: await this.allocations.list(context, filter, limit) };
  }

  @MessagePattern(submitAllocationRpc.subject)
  submit(@RpcPayload(submitAllocationRpc) req: RpcRequestOf<typeof submitAllocationRpc>) {
    return this.allocations.submit(req.context, req.allocationId);
  }

  @MessagePattern(requestReviewRpc.subject)
  requestReview(@RpcPayload(requestReviewRpc) req: RpcRequestOf<typeof requestReviewRpc>) {
    return this.allocations.requestReview(req.context, req.allocationId);
  }

  @MessagePattern(recordReviewRpc.subject)
  recordReview(@RpcPayload(recordReviewRpc) req: RpcRequestOf<typeof recordReviewRpc>) {
    return this.allocations.recordReview(req.context, req.allocationId, req.conclusion, req.summary);
  }

  @MessagePattern(approveAllocationRpc.subject)
  approve(@RpcPayload(approveAllocationRpc) req: RpcRequestOf<typeof approveAllocationRpc>) {
    return this.allocations.approve(req.context, req.allocationId, req.overrideReason);
  }

  @MessagePattern(rejectAllocationRpc.subject)
  reject(@RpcPayload(rejectAllocationRpc) req: RpcRequestOf<typeof rejectAllocationRpc>) {
    return this.allocations.reject(req.context, req.allocationId, req.reason);
  }

  @MessagePattern(trancheActionRpc.subject)
  trancheAction(@RpcPayload(trancheActionRpc) req: RpcRequestOf<typeof trancheActionRpc>) {
    return this.allocations.trancheAction(req.context, req.allocationId, req.tranche, req.action);
  }

  @MessagePattern(listChecksRpc.subject)
  async listChecks(@RpcPayload(listChecksRpc) req: RpcRequestOf<typeof listChecksRpc>) {
    requirePermission(req.context.actor, 'funding.view');
    return { items: (await this.checks.list(req.taskCode, req.limit)).map(toCheckView) };
  }

  @MessagePattern(listLedgerRpc.subject)
  async listLedger(@RpcPayload(listLedgerRpc) req: RpcRequestOf<typeof listLedgerRpc>) {
    const { context, ...filter } = req;
    requirePermission(context.actor, 'funding.view');
    return { items: (await this.ledger.list(filter)).map(toLedgerView) };
  }
}
