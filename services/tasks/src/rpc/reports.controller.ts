import {
  getReportRpc,
  listReportsRpc,
  missingReportsRpc,
  returnReportRpc,
  submitReportRpc,
  taskLedgerRpc,
  updateTaskRpc,
  type RpcRequestOf,
} from '@aiplat/contracts';
import { RpcPayload } from '@aiplat/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ProgressReports } from '../report/progress-reports';
import { TaskLedger } from '../report/task-ledger';
import { EditTask } from '../task/edit-task';

/** Progress reports, office edits of tasks and the ledger: validate (by contract), call one use case. */
@Controller()
export class ReportsRpcController {
  constructor(
    private readonly reports: ProgressReports,
    private readonly editTask: EditTask,
    private readonly ledger: TaskLedger,
  ) {}

  @MessagePattern(submitReportRpc.subject)
  submit(@RpcPayload(submitReportRpc) req: RpcRequestOf<typeof submitReportRpc>) {
    const { context, ...input } = req;
    return this.reports.submit(context, input);
  }

  @MessagePattern(returnReportRpc.subject)
  return(@RpcPayload(returnReportRpc) req: RpcRequestOf<typeof returnReportRpc>) {
    const { context, ...input } = req;
    return this.reports.return(context, input);
  }

  @MessagePattern(getReportRpc.subject)
  get(@RpcPayload(getReportRpc) req: RpcRequestOf<typeof getReportRpc>) {
    return this.reports.get(req.context, req.id);
  }

  @MessagePattern(listReportsRpc.subject)
  list(@RpcPayload(listReportsRpc) req: RpcRequestOf<typeof listReportsRpc>) {
    return this.reports.list(req.context, req.filter, req.limit, req.after);
  }

  @MessagePattern(missingReportsRpc.subject)
  missing(@RpcPayload(missingReportsRpc) req: RpcRequestOf<typeof missingReportsRpc>) {
    const { context, ...input } = req;
    return this.reports.missing(context, input);
  }

  @MessagePattern(updateTaskRpc.subject)
  update(@RpcPayload(updateTaskRpc) req: RpcRequestOf<typeof updateTaskRpc>) {
    const { context, ...input } = req;
    return this.editTask.execute(context, input);
  }

  @MessagePattern(taskLedgerRpc.subject)
  async taskLedger(@RpcPayload(taskLedgerRpc) req: RpcRequestOf<typeof taskLedgerRpc>) {
    const { context, ...input } = req;
    return { year: input.year, rows: await this.ledger.rows(context, input) };
  }
}
