import {
  ledgerKindSchema,
  listLedgerRpc,
  programmeIdSchema,
  taskLedgerRpc,
  unitById,
  type LedgerEntryView,
  type LedgerRow,
} from '@aiplat/contracts';
import { RpcClient } from '@aiplat/messaging';
import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiRoute } from '../http/api-route';
import { unitIdField } from '../http/fields';
import { CurrentPrincipal, RequestId, ValidQuery, type Principal } from '../http/request-context';
import { callService } from '../http/service-call';
import { EXPORT_FORMATS, EXPORT_MEDIA_TYPES, render, yuan, type Column, type ExportFormat } from './spreadsheet';

const exportQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    format: z.enum(EXPORT_FORMATS).default('csv'),
    unitId: unitIdField.optional(),
  })
  .strict();
type ExportQuery = z.infer<typeof exportQuery>;

const units = (ids: readonly string[]) => ids.map((id) => unitById(id)?.nameZh ?? id).join('、');
const yesNo = (b: boolean) => (b ? '是' : '否');

/** 责任清单: who answers for what, by when. */
const RESPONSIBILITY_COLUMNS: Column<LedgerRow>[] = [
  { header: '编号 Code', width: 12, value: (r) => r.code },
  { header: '所属部分 Section', width: 18, value: (r) => r.section },
  { header: '重点任务 Task', width: 48, value: (r) => r.title },
  { header: '牵头单位 Lead units', width: 28, value: (r) => units(r.leadUnitIds) },
  { header: '配合单位 Co-responsible units', width: 36, value: (r) => units(r.coUnitIds) },
  {
    header: '联系人 Contacts',
    width: 28,
    value: (r) =>
      r.contacts
        .map((c) => `${unitById(c.unitId)?.nameZh ?? c.unitId}：${c.name}${c.phone ? ` ${c.phone}` : ''}`)
        .join('；'),
  },
  { header: '开始日期 Start', width: 12, value: (r) => r.startDate },
  { header: '完成时限 Due', width: 12, value: (r) => r.dueDate },
  { header: '量化目标 Targets', width: 36, value: (r) => r.targets.join('；') },
];

/** 进展台账: where each task stands. */
const LEDGER_COLUMNS: Column<LedgerRow>[] = [
  { header: '编号 Code', width: 12, value: (r) => r.code },
  { header: '重点任务 Task', width: 48, value: (r) => r.title },
  { header: '牵头单位 Lead units', width: 28, value: (r) => units(r.leadUnitIds) },
  { header: '状态 Status', width: 12, value: (r) => r.status },
  { header: '进度 Progress %', width: 10, value: (r) => r.progress },
  { header: '风险 Risk', width: 10, value: (r) => r.riskLevel },
  { header: '逾期 Overdue', width: 8, value: (r) => yesNo(r.overdue) },
  { header: '完成时限 Due', width: 12, value: (r) => r.dueDate },
  { header: '节点完成 Milestones done', width: 12, value: (r) => `${r.milestonesDone}/${r.milestonesTotal}` },
  { header: '最近报告期 Last report period', width: 14, value: (r) => r.lastReportPeriod },
  {
    header: '报告单位 Reported by',
    width: 20,
    value: (r) => (r.lastReportUnitId ? units([r.lastReportUnitId]) : undefined),
  },
  { header: '报告时间 Reported at', width: 22, value: (r) => r.lastReportAt },
  { header: '进展情况 Progress narrative', width: 60, value: (r) => r.lastReportNarrative },
  { header: '存在问题 Problems', width: 40, value: (r) => r.openProblems },
];

const fundingLedgerQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    format: z.enum(EXPORT_FORMATS).default('csv'),
    programmeId: programmeIdSchema.optional(),
    kind: ledgerKindSchema.optional(),
  })
  .strict();

/** 资金台账: every commitment, hold, release, disbursement, cancellation and budget change. */
const FUNDING_LEDGER_COLUMNS: Column<LedgerEntryView>[] = [
  { header: '时间 At', width: 22, value: (e) => e.at },
  { header: '类别 Kind', width: 12, value: (e) => e.kind },
  { header: '资金渠道 Programme', width: 18, value: (e) => e.programmeId },
  { header: '年度 Year', width: 8, value: (e) => e.year },
  { header: '申请 Allocation', width: 38, value: (e) => e.allocationId },
  { header: '批次 Tranche', width: 8, value: (e) => e.tranche },
  { header: '金额（元）Amount (CNY)', width: 16, value: (e) => yuan(e.amount) },
  { header: '金额（分）Amount (fen)', width: 16, value: (e) => e.amount },
  { header: '操作人 Actor', width: 20, value: (e) => e.actor },
  { header: '原因 Reason', width: 30, value: (e) => e.reason },
  { header: '超额核准 Override', width: 10, value: (e) => (e.override ? '是' : undefined) },
  { header: '起因事件 Cause event', width: 38, value: (e) => e.cause.eventId },
  { header: '起因请求 Cause request', width: 38, value: (e) => e.cause.requestId },
];

/** Exports of the year's responsibility list, progress ledger and funding ledger, as CSV or Excel. */
@Controller()
export class ExportsController {
  constructor(private readonly rpc: RpcClient) {}

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/exports/responsibility-list',
    operationId: 'exportResponsibilityList',
    summary:
      'The year’s responsibility list (责任清单) as CSV or Excel: tasks, lead and co-responsible units, contacts, due dates, targets',
    tag: 'exports',
    access: 'tasks.view',
    query: exportQuery,
    success: { status: 200, description: 'The file', files: Object.values(EXPORT_MEDIA_TYPES) },
    errors: [503],
  })
  responsibilityList(
    @ValidQuery() q: ExportQuery,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.export(q, p, requestId, reply, '责任清单', 'responsibility-list', RESPONSIBILITY_COLUMNS);
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/exports/progress-ledger',
    operationId: 'exportProgressLedger',
    summary:
      'The year’s progress ledger (进展台账) as CSV or Excel: status, progress, overdue, milestones, latest report',
    tag: 'exports',
    access: 'tasks.view',
    query: exportQuery,
    success: { status: 200, description: 'The file', files: Object.values(EXPORT_MEDIA_TYPES) },
    errors: [503],
  })
  progressLedger(
    @ValidQuery() q: ExportQuery,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.export(q, p, requestId, reply, '进展台账', 'progress-ledger', LEDGER_COLUMNS);
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/exports/funding-ledger',
    operationId: 'exportFundingLedger',
    summary: 'The funding ledger (资金台账) of a year as CSV or Excel, optionally for one programme or kind of entry',
    tag: 'exports',
    access: 'funding.view',
    query: fundingLedgerQuery,
    success: { status: 200, description: 'The file', files: Object.values(EXPORT_MEDIA_TYPES) },
    errors: [503],
  })
  async fundingLedger(
    @ValidQuery() q: z.infer<typeof fundingLedgerQuery>,
    @CurrentPrincipal() p: Principal,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { items } = await callService(
      this.rpc,
      listLedgerRpc,
      p,
      requestId,
      {
        year: q.year,
        ...(q.programmeId ? { programmeId: q.programmeId } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        limit: 1000,
      },
      { timeoutMs: 30_000 },
    );
    return this.send(
      reply,
      q.format,
      '资金台账',
      `funding-ledger-${q.year}${q.programmeId ? `-${q.programmeId}` : ''}`,
      q.year,
      FUNDING_LEDGER_COLUMNS,
      items,
    );
  }

  private async export(
    q: ExportQuery,
    p: Principal,
    requestId: string,
    reply: FastifyReply,
    sheet: string,
    name: string,
    columns: Column<LedgerRow>[],
  ): Promise<Buffer> {
    const { rows } = await callService(
      this.rpc,
      taskLedgerRpc,
      p,
      requestId,
      { year: q.year, ...(q.unitId ? { unitId: q.unitId } : {}) },
      { timeoutMs: 30_000 },
    );
    return this.send(
      reply,
      q.format,
      sheet,
      `${name}-${q.year}${q.unitId ? `-${q.unitId}` : ''}`,
      q.year,
      columns,
      rows,
    );
  }

  private send<Row>(
    reply: FastifyReply,
    format: ExportFormat,
    sheet: string,
    name: string,
    year: number,
    columns: Column<Row>[],
    rows: readonly Row[],
  ): Promise<Buffer> {
    void reply
      .header('Content-Type', EXPORT_MEDIA_TYPES[format])
      .header(
        'Content-Disposition',
        `attachment; filename="${name}.${format}"; filename*=UTF-8''${encodeURIComponent(`${sheet}-${year}.${format}`)}`,
      )
      .header('Cache-Control', 'no-store');
    return render(format, sheet, columns, rows);
  }
}
