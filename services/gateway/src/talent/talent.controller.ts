import {
  createTalentRpc,
  decidePackageRpc,
  getTalentRpc,
  linkTalentRpc,
  listTalentRpc,
  logTalentContactRpc,
  moveTalentRpc,
  offerPackageRpc,
  recordTalentFollowUpRpc,
  setTalentTargetRpc,
  talentCategorySchema,
  talentFiguresRpc,
  talentFiguresSchema,
  talentStageSchema,
  talentViewSchema,
  type TalentView,
} from '@aiplat/contracts';
import { RpcClient } from '@aiplat/messaging';
import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { EXPORT_FORMATS, EXPORT_MEDIA_TYPES, render, yuan, type Column } from '../exports/spreadsheet';
import { ApiRoute } from '../http/api-route';
import {
  CurrentPrincipal,
  RequestId,
  ValidBody,
  ValidParams,
  ValidQuery,
  type Principal,
} from '../http/request-context';
import { callService } from '../http/service-call';

const idParams = z.object({ id: z.string().regex(/^tl-[0-9a-f]{32}$/, 'a talent record id') }).strict();
const listQuery = z
  .object({
    stage: talentStageSchema.optional(),
    category: talentCategorySchema.optional(),
    stalled: z.enum(['true', 'false']).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    after: z
      .string()
      .regex(/^tl-[0-9a-f]{32}$/)
      .optional(),
  })
  .strict();
/** Request bodies: the rpc's request without its context (and without the id the path carries). */
const createBody = createTalentRpc.request.omit({ context: true });
const moveBody = moveTalentRpc.request.omit({ context: true, id: true });
const contactBody = logTalentContactRpc.request.omit({ context: true, id: true });
const offerBody = offerPackageRpc.request.omit({ context: true, id: true });
const decideBody = decidePackageRpc.request.omit({ context: true, id: true });
const linkBody = linkTalentRpc.request.omit({ context: true, id: true });
const followUpBody = recordTalentFollowUpRpc.request.omit({ context: true, id: true });
const figuresQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
const targetParams = z
  .object({ year: z.coerce.number().int().min(2000).max(2100), category: talentCategorySchema })
  .strict();
const targetBody = z.object({ count: z.number().int().min(0).max(100_000) }).strict();
const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('csv') }).strict();

/** 人才台账 without personal data: names, category, organisations, stage, package, outcomes. */
const TALENT_COLUMNS: Column<TalentView>[] = [
  { header: '姓名/团队 Name', width: 20, value: (t) => t.name },
  { header: '类别 Category', width: 18, value: (t) => t.category },
  { header: '领域 Fields', width: 28, value: (t) => t.fields.join('、') },
  { header: '现单位 Current organisation', width: 28, value: (t) => t.currentOrganisation.name },
  { header: '拟引进单位 Target organisation', width: 28, value: (t) => t.targetOrganisation?.name },
  { header: '阶段 Stage', width: 12, value: (t) => t.stage },
  { header: '停滞 Stalled', width: 8, value: (t) => (t.stalled ? '是' : '否') },
  { header: '支持方案（元）Package (CNY)', width: 16, value: (t) => (t.package ? yuan(t.package.amount) : undefined) },
  { header: '资金申请 Allocation', width: 14, value: (t) => t.package?.allocation?.state },
  { header: '到岗时间 Onboarded', width: 22, value: (t) => t.onboardedAt },
];
/** Added only for holders of talent.contacts. */
const CONTACT_COLUMNS: Column<TalentView>[] = [
  { header: '电话 Phone', width: 16, value: (t) => t.contact?.phone },
  { header: '邮箱 Email', width: 24, value: (t) => t.contact?.email },
];

/** Talent introduction (人才引进): served by the talent service; contact details only for talent.contacts. */
@Controller()
export class TalentController {
  constructor(private readonly rpc: RpcClient) {}

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/talent',
    operationId: 'listTalent',
    summary:
      'Talent records, newest first, by stage, category, stalled or words (contact details only for talent.contacts)',
    tag: 'talent',
    access: 'talent.view',
    query: listQuery,
    success: { status: 200, description: 'A page of talent records', schema: listTalentRpc.response },
    errors: [503],
  })
  list(@ValidQuery() q: z.infer<typeof listQuery>, @CurrentPrincipal() p: Principal, @RequestId() r: string) {
    const { limit, after, stalled, ...rest } = q;
    return callService(this.rpc, listTalentRpc, p, r, {
      filter: { ...rest, ...(stalled ? { stalled: stalled === 'true' } : {}) },
      limit,
      ...(after ? { after } : {}),
    });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/talent',
    operationId: 'createTalent',
    summary: 'Add a person or an innovation team to the talent-introduction pipeline',
    tag: 'talent',
    access: 'talent.manage',
    body: createBody,
    success: { status: 201, description: 'The record, identified', schema: talentViewSchema },
    errors: [503],
    idempotent: true,
    audit: { action: 'talent.create' },
  })
  create(@ValidBody() body: z.infer<typeof createBody>, @CurrentPrincipal() p: Principal, @RequestId() r: string) {
    return callService(this.rpc, createTalentRpc, p, r, body);
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/talent/{id}',
    operationId: 'getTalent',
    summary: 'One talent record: timeline, package and its allocation, links, follow-ups',
    tag: 'talent',
    access: 'talent.view',
    params: idParams,
    success: { status: 200, description: 'The record', schema: talentViewSchema },
    errors: [404, 503],
  })
  get(@ValidParams() params: z.infer<typeof idParams>, @CurrentPrincipal() p: Principal, @RequestId() r: string) {
    return callService(this.rpc, getTalentRpc, p, r, { id: params.id });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/talent/{id}/moves',
    operationId: 'moveTalent',
    summary: 'Move a talent record to the next stage, or to declined/withdrawn with a reason',
    tag: 'talent',
    access: 'talent.manage',
    params: idParams,
    body: moveBody,
    success: { status: 200, description: 'The record after the move', schema: talentViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'talent.move', target: (q) => `talent:${q.params.id}:${(q.body as { to?: string })?.to ?? '?'}` },
  })
  move(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof moveBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, moveTalentRpc, p, r, { id: params.id, ...body });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/talent/{id}/contacts',
    operationId: 'logTalentContact',
    summary: 'Record a contact with the talent (phone, visit, meeting …)',
    tag: 'talent',
    access: 'talent.manage',
    params: idParams,
    body: contactBody,
    success: { status: 200, description: 'The record', schema: talentViewSchema },
    errors: [404, 503],
    audit: { action: 'talent.contact', target: (q) => `talent:${q.params.id}` },
  })
  logContact(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof contactBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, logTalentContactRpc, p, r, { id: params.id, ...body });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/talent/{id}/package',
    operationId: 'offerTalentPackage',
    summary: 'Offer a personalised support package (one carrying money names the fund programme and year)',
    tag: 'talent',
    access: 'talent.manage',
    params: idParams,
    body: offerBody,
    success: { status: 200, description: 'The record with its package offered', schema: talentViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'talent.package_offer', target: (q) => `talent:${q.params.id}` },
  })
  offer(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof offerBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, offerPackageRpc, p, r, { id: params.id, ...body });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/talent/{id}/package/decision',
    operationId: 'decideTalentPackage',
    summary: 'Record the talent’s answer to the package; accepting one with money asks funding for an allocation',
    tag: 'talent',
    access: 'talent.manage',
    params: idParams,
    body: decideBody,
    success: { status: 200, description: 'The record', schema: talentViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'talent.package_decision', target: (q) => `talent:${q.params.id}` },
  })
  decide(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof decideBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, decidePackageRpc, p, r, { id: params.id, ...body }, { timeoutMs: 15_000 });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/talent/{id}/links',
    operationId: 'linkTalent',
    summary: 'Link an onboarded talent to a key task, an expert record or a consultation',
    tag: 'talent',
    access: 'talent.manage',
    params: idParams,
    body: linkBody,
    success: { status: 200, description: 'The record', schema: talentViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'talent.link', target: (q) => `talent:${q.params.id}` },
  })
  link(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof linkBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, linkTalentRpc, p, r, { id: params.id, ...body });
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/talent/{id}/follow-ups',
    operationId: 'recordTalentFollowUp',
    summary: 'Record the yearly follow-up of an onboarded talent (still in the city, patents, products, companies)',
    tag: 'talent',
    access: 'talent.manage',
    params: idParams,
    body: followUpBody,
    success: { status: 200, description: 'The record', schema: talentViewSchema },
    errors: [404, 409, 503],
    audit: { action: 'talent.follow_up', target: (q) => `talent:${q.params.id}` },
  })
  followUp(
    @ValidParams() params: z.infer<typeof idParams>,
    @ValidBody() body: z.infer<typeof followUpBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, recordTalentFollowUpRpc, p, r, { id: params.id, ...body });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/talent-figures',
    operationId: 'talentFigures',
    summary: 'Talent brought in per category and year, against the targets',
    tag: 'talent',
    access: 'talent.view',
    query: figuresQuery,
    success: { status: 200, description: 'The figures', schema: talentFiguresSchema },
    errors: [503],
  })
  figures(@ValidQuery() q: z.infer<typeof figuresQuery>, @CurrentPrincipal() p: Principal, @RequestId() r: string) {
    return callService(this.rpc, talentFiguresRpc, p, r, q.year ? { year: q.year } : {});
  }

  @ApiRoute({
    method: 'PUT',
    path: '/api/v1/talent-figures/targets/{year}/{category}',
    operationId: 'setTalentTarget',
    summary: 'Set how many talents of a category the city aims to bring in in a year',
    tag: 'talent',
    access: ['talent.manage', 'tasks.manage'],
    params: targetParams,
    body: targetBody,
    success: { status: 200, description: 'The figures of that year', schema: talentFiguresSchema },
    errors: [503],
    audit: { action: 'talent.target', target: (q) => `talent-target:${q.params.year}:${q.params.category}` },
  })
  setTarget(
    @ValidParams() params: z.infer<typeof targetParams>,
    @ValidBody() body: z.infer<typeof targetBody>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
  ) {
    return callService(this.rpc, setTalentTargetRpc, p, r, { ...params, count: body.count });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/exports/talent',
    operationId: 'exportTalent',
    summary: 'The talent ledger as CSV or Excel; phone and email columns only for holders of talent.contacts',
    tag: 'exports',
    access: 'talent.view',
    query: exportQuery,
    success: { status: 200, description: 'The file', files: Object.values(EXPORT_MEDIA_TYPES) },
    errors: [503],
  })
  async export(
    @ValidQuery() q: z.infer<typeof exportQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() r: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { items } = await callService(
      this.rpc,
      listTalentRpc,
      p,
      r,
      { filter: {}, limit: 5000 },
      { timeoutMs: 30_000 },
    );
    const columns = p.permissions.includes('talent.contacts')
      ? [...TALENT_COLUMNS, ...CONTACT_COLUMNS]
      : TALENT_COLUMNS;
    void reply
      .header('Content-Type', EXPORT_MEDIA_TYPES[q.format])
      .header('Content-Disposition', `attachment; filename="talent.${q.format}"`)
      .header('Cache-Control', 'no-store');
    return render(q.format, '人才台账', columns, items);
  }
}
