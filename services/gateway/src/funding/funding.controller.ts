import {
  allocationIdSchema,
  allocationStatusSchema,
  allocationViewSchema,
  approveAllocationRpc,
  blacklistApplicantRpc,
  budgetUsageRpc,
  budgetViewSchema,
  createAllocationRpc,
  fenSchema,
  getAllocationRpc,
  ledgerKindSchema,
  listAllocationsRpc,
  listChecksRpc,
  listLedgerRpc,
  listProgrammesRpc,
  programmeIdSchema,
  recordReviewRpc,
  rejectAllocationRpc,
  requestReviewRpc,
  seedProgrammesRpc,
  setBudgetRpc,
  submitAllocationRpc,
  taskCodeParam,
  TRANCHE_ACTIONS,
  trancheActionRpc,
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

const year = z.coerce.number().int().min(2000).max(2100);
const limit = (max: number) => z.coerce.number().int().min(1).max(max).default(100);
const idParams = z.object({ id: allocationIdSchema }).strict();
const codeParams = z.object({ code: taskCodeParam }).strict();
const budgetParams = z.object({ programmeId: programmeIdSchema, year }).strict();
const trancheParams = z.object({ id: allocationIdSchema, tranche: z.coerce.number().int().min(0).max(11) }).strict();
const budgetBody = z.object({ amount: fenSchema.describe('the budget in fen'), reason: text(2000) }).strict();
const budgetQuery = z.object({ programmeId: programmeIdSchema.optional(), year: year.optional() }).strict();
const blacklistBody = blacklistApplicantRpc.request.omit({ context: true });
/** Officers create allocations here; talent subsidies (talentId, sourceKey) come only from the talent service. */
const createBody = createAllocationRpc.request.omit({ context: true, talentId: true, sourceKey: true });
const listQuery = z
  .object({
    status: allocationStatusSchema.optional(),
    programmeId: programmeIdSchema.optional(),
    year: year.optional(),
    taskCode: taskCodeParam.optional(),
    limit: limit(500),
  })
  .strict();
const reviewBody = z.object({ conclusion: z.enum(['recommend', 'not_recommend']), summary: text(4000) }).strict();
const approveBody = z
  .object({ overrideReason: text(2000).optional().describe('administrators only: approve beyond the budget') })
  .strict()
  .optional();
const rejectBody = z.object({ reason: text(2000) }).strict();
const trancheBody = z.object({ action: z.enum(TRANCHE_ACTIONS) }).strict();
const ledgerQuery = z
  .object({
    programmeId: programmeIdSchema.optional(),
    year: year.optional(),
    allocationId: allocationIdSchema.optional(),
    kind: ledgerKindSchema.optional(),
    limit: limit(1000),
  })
  .strict();
const checksQuery = z.object({ limit: limit(500) }).strict();

const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
const allocationTarget = (r: { params: Record<string, string> }) => `allocation:${r.params.id}`;

/** Policy funds (政策资金): programmes, budgets, allocations, funding checks and the ledger, served by the funding service. */
@Controller()
export class FundingController {
  constructor(private readonly rpc: RpcClient) {}

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/funding/programmes',
    operationId: 'listFundingProgrammes',
    summary: 'The fund programmes (资金渠道) with their ceilings and rules',
    tag: 'funding',
    access: 'funding.view',
    success: { status: 200, description: 'The programmes', schema: listProgrammesRpc.response },
    errors: [503],
  })
  listProgrammes(@CurrentPrincipal() p: Principal, @RequestId() requestId: string) {
    return callService(this.rpc, listProgrammesRpc, p, requestId, {});
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/funding/programmes/seed',
    operationId: 'seedFundingProgrammes',
    summary: 'Create the policy’s fund programmes that do not exist yet (seeding again adds nothing)',
    tag: 'funding',
    access: 'funding.manage',
    success: { status: 200, description: 'Created and unchanged programme ids', schema: seedProgrammesRpc.response },
    errors: [503],
    audit: { action: 'funding.programmes.seed' },
  })
  seedProgrammes(@CurrentPrincipal() p: Principal, @RequestId() requestId: string) {
    return callService(this.rpc, seedProgrammesRpc, p, requestId, {});
  }

  @ApiRoute({
    method: 'PUT',
    path: '/api/v1/funding/programmes/{programmeId}/budgets/{year}',
    operationId: 'setFundingBudget',
    summary: 'Set a programme’s budget for a year, with a reason (refused below what is committed and paid)',
    tag: 'funding',
    access: 'funding.manage',
    params: budgetParams,
    body: budgetBody,
    success: { status: 200, description: 'The budget after the change', schema: budgetViewSchema },
    errors: [409, 422, 503],
    audit: { action: 'funding.budget.set', target: (r) => `budget:${r.params.programmeId}:${r.params.year}` },
  })
  setBudget(
    @ValidParams() params: z.infer<typeof budgetParams>,
    @ValidBody() body: z.infer<typeof budgetBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, setBudgetRpc, p, requestId, { ...params, ...body });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/funding/budgets',
    operationId: 'fundingBudgetUsage',
    summary: 'Budget usage per programme and year: budget, committed, disbursed, released, available',
    tag: 'funding',
    access: 'funding.view',
    query: budgetQuery,
    success: { status: 200, description: 'The budgets', schema: items(budgetViewSchema) },
    errors: [503],
  })
  budgets(
    @ValidQuery() q: z.infer<typeof budgetQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, budgetUsageRpc, p, requestId, { ...q });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/funding/blacklist',
    operationId: 'blacklistFundingApplicant',
    summary: 'Put an applicant (by unified social credit code) on the funding blacklist',
    tag: 'funding',
    access: 'funding.manage',
    body: blacklistBody,
    success: { status: 200, description: 'The blacklist entry', schema: blacklistApplicantRpc.response },
    errors: [503],
    audit: {
      action: 'funding.blacklist',
      target: (r) => `applicant:${(r.body as { creditCode?: string })?.creditCode ?? '?'}`,
    },
  })
  blacklist(
    @ValidBody() body: z.infer<typeof blacklistBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, blacklistApplicantRpc, p, requestId, body);
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/funding/allocations',
    operationId: 'createFundingAllocation',
    summary:
      'Create a draft allocation (资金申请): applicant, programme, year, optional task, amount in fen and tranches',
    tag: 'funding',
    access: 'funding.manage',
    body: createBody,
    success: { status: 201, description: 'The draft', schema: allocationViewSchema },
    errors: [503],
    idempotent: true,
    audit: { action: 'funding.allocation.create' },
  })
  create(
    @ValidBody() body: z.infer<typeof createBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, createAllocationRpc, p, requestId, body);
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/funding/allocations',
    operationId: 'listFundingAllocations',
    summary: 'Allocations, filtered by status, programme, year or task',
    tag: 'funding',
    access: 'funding.view',
    query: listQuery,
    success: { status: 200, description: 'The allocations, newest first', schema: items(allocationViewSchema) },
    errors: [503],
  })
  list(@ValidQuery() q: z.infer<typeof listQuery>, @CurrentPrincipal() p: Principal, @RequestId() requestId: string) {
    return callService(this.rpc, listAllocationsRpc, p, requestId, { ...q });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/funding/approval-queue',
    operationId: 'fundingApprovalQueue',
    summary: 'Your approval queue: allocations under review that you neither created nor submitted',
    tag: 'funding',
    access: 'funding.manage',
    success: { status: 200, description: 'The queue', schema: items(allocationViewSchema) },
    errors: [503],
  })
  queue(@CurrentPrincipal() p: Principal, @RequestId() requestId: string) {
    return callService(this.rpc, listAllocationsRpc, p, requestId, { queue: true, limit: 500 });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/funding/allocations/{id}',
    operationId: 'getFundingAllocation',
    summary: 'One allocation: tranches, eligibility reasons, review conclusion, history',
    tag: 'funding',
    access: 'funding.view',
    params: idParams,
    success: { status: 200, description: 'The allocation', schema: allocationViewSchema },
    errors: [404, 503],
  })
  get(
    @ValidParams() params: z.infer<typeof idParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, getAllocationRpc, p, requestId, { allocationId: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/funding/allocations/{id}/submit',
    operationId: 'submitFundingAllocation',
    summary: 'Submit a draft; the programme’s eligibility rules run at once, each recorded with its reason',
    tag: 'funding',
    access: 'funding.manage',
    params: idParams,
    success: { status: 200, description: 'The allocation after eligibility', schema: allocationViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'funding.allocation.submit', target: allocationTarget },
  })
  submit(
    @ValidParams() params: z.infer<typeof idParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, submitAllocationRpc, p, requestId, { allocationId: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/funding/allocations/{id}/review-request',
    operationId: 'requestFundingReview',
    summary: 'Send an eligible allocation to the expert committee for review',
    tag: 'funding',
    access: 'funding.manage',
    params: idParams,
    success: { status: 200, description: 'The allocation, under review', schema: allocationViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'funding.allocation.request_review', target: allocationTarget },
  })
  requestReview(
    @ValidParams() params: z.infer<typeof idParams>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, requestReviewRpc, p, requestId, { allocationId: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/funding/allocations/{id}/review',
    operationId: 'recordFundingReview',
    summary: 'Record the expert committee’s conclusion on an allocation under review',
    tag: 'funding',
    access: 'funding.manage',
    params: idParams,
    body: reviewBody,
    success: { status: 200, description: 'The allocation with the conclusion', schema: allocationViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'funding.allocation.record_review', target: allocationTarget },
  })
  recordReview(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof reviewBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, recordReviewRpc, p, requestId, { allocationId: params.id, ...body });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/funding/allocations/{id}/approve',
    operationId: 'approveFundingAllocation',
    summary: 'Approve (four eyes: not its creator or submitter); commits the amount in the budget or is refused (422)',
    tag: 'funding',
    access: 'funding.manage',
    params: idParams,
    body: approveBody,
    success: { status: 200, description: 'The allocation, approved', schema: allocationViewSchema },
    errors: [404, 409, 422, 503],
    idempotent: true,
    audit: { action: 'funding.allocation.approve', target: allocationTarget },
  })
  approve(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof approveBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, approveAllocationRpc, p, requestId, {
      allocationId: params.id,
      ...(body?.overrideReason ? { overrideReason: body.overrideReason } : {}),
    });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/funding/allocations/{id}/reject',
    operationId: 'rejectFundingAllocation',
    summary: 'Reject an allocation before approval, with a reason',
    tag: 'funding',
    access: 'funding.manage',
    params: idParams,
    body: rejectBody,
    success: { status: 200, description: 'The allocation, rejected', schema: allocationViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'funding.allocation.reject', target: allocationTarget },
  })
  reject(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof rejectBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, rejectAllocationRpc, p, requestId, { allocationId: params.id, reason: body.reason });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/funding/allocations/{id}/tranches/{tranche}/actions',
    operationId: 'actOnFundingTranche',
    summary: '`make_payable` (a milestone tranche’s milestone was reached) or `disburse` (a payable tranche was paid)',
    tag: 'funding',
    access: 'funding.manage',
    params: trancheParams,
    body: trancheBody,
    success: { status: 200, description: 'The allocation after the action', schema: allocationViewSchema },
    errors: [404, 409, 503],
    idempotent: true,
    audit: { action: 'funding.tranche.act', target: (r) => `allocation:${r.params.id}:tranche:${r.params.tranche}` },
  })
  trancheAction(
    @ValidParams() params: z.infer<typeof trancheParams>,
    @ValidBody() body: z.infer<typeof trancheBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, trancheActionRpc, p, requestId, {
      allocationId: params.id,
      tranche: params.tranche,
      action: body.action,
    });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/tasks/{code}/funding-checks',
    operationId: 'listTaskFundingChecks',
    summary: 'The funding checks run on a task’s changes, newest first, with the decision per tranche',
    tag: 'funding',
    access: 'funding.view',
    params: codeParams,
    query: checksQuery,
    success: { status: 200, description: 'The checks', schema: listChecksRpc.response },
    errors: [503],
  })
  checks(
    @ValidParams() params: z.infer<typeof codeParams>,
    @ValidQuery() q: z.infer<typeof checksQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, listChecksRpc, p, requestId, { taskCode: params.code, limit: q.limit });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/funding/ledger',
    operationId: 'listFundingLedger',
    summary:
      'The funding ledger (commitments, holds, releases, disbursements, cancellations, budget changes), filtered',
    tag: 'funding',
    access: 'funding.view',
    query: ledgerQuery,
    success: { status: 200, description: 'Ledger entries, oldest first', schema: listLedgerRpc.response },
    errors: [503],
  })
  ledger(
    @ValidQuery() q: z.infer<typeof ledgerQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
  ) {
    return callService(this.rpc, listLedgerRpc, p, requestId, { ...q });
  }
}
