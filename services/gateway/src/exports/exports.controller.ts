import { taskLedgerRpc, unitById, type LedgerRow } from '@aiplat/contracts';
import { RpcClient } from '@aiplat/messaging';
import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiRoute } from '../http/api-route';
import { CurrentPrincipal, RequestId, ValidQuery, type Principal } from '../http/request-context';
import { callService } from '../http/service-call';
import { EXPORT_FORMATS, EXPORT_MEDIA_TYPES, render, type Column, type ExportFormat } from './spreadsheet';

const exportQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    format: z.enum(EXPORT_FORMATS).default('csv'),
    unitId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .max(64)
      .optional(),
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

/** Exports of the year's responsibility list and progress ledger, as CSV or Excel. */
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
    const format: ExportFormat = q.format;
    const file = `${name}-${q.year}${q.unitId ? `-${q.unitId}` : ''}.${format}`;
    void reply
      .header('Content-Type', EXPORT_MEDIA_TYPES[format])
      .header(
        'Content-Disposition',
        `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(`${sheet}-${q.year}.${format}`)}`,
      )
      .header('Cache-Control', 'no-store');
    return render(format, sheet, columns, rows);
  }
}
