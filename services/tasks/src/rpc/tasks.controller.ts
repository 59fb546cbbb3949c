import {
  healthCheckRpc,
  getPlanRpc,
  publishPlanRpc,
  getTaskRpc,
  importPolicyRpc,
  listTasksRpc,
  moveTaskRpc,
  createFollowUpTaskRpc,
  DomainError,
  type RpcRequestOf,
} from '@aiplat/contracts';
import { healthReply, RpcPayload } from '@aiplat/messaging';
import { HealthRegistry } from '@aiplat/observability';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ImportPolicy } from '../plan/import-policy';
import { WorkPlans } from '../plan/work-plans';
import { FollowUpTasks } from '../task/follow-up-tasks';
import { MoveTask } from '../task/move-task';
import { TaskQueries } from '../task/task-queries';

/** Request/reply handlers: thin — validate (by contract), call one use case. */
@Controller()
export class TasksRpcController {
  constructor(
    private readonly queries: TaskQueries,
    private readonly moveTask: MoveTask,
    private readonly importPolicy: ImportPolicy,
    private readonly health: HealthRegistry,
    private readonly plans: WorkPlans,
    private readonly followUps: FollowUpTasks,
  ) {}

  @MessagePattern(createFollowUpTaskRpc.subject)
  createFollowUp(@RpcPayload(createFollowUpTaskRpc) req: RpcRequestOf<typeof createFollowUpTaskRpc>) {
    const { context, ...input } = req;
    return this.followUps.create(context, input);
  }

  @MessagePattern(healthCheckRpc('tasks').subject)
  healthCheck() {
    return healthReply('tasks', this.health);
  }

  @MessagePattern(listTasksRpc.subject)
  list(@RpcPayload(listTasksRpc) req: RpcRequestOf<typeof listTasksRpc>) {
    return this.queries.list(req.context, req.filter, req.limit, req.after);
  }

  @MessagePattern(getTaskRpc.subject)
  get(@RpcPayload(getTaskRpc) req: RpcRequestOf<typeof getTaskRpc>) {
    return this.queries.get(req.context, req.code);
  }

  @MessagePattern(moveTaskRpc.subject)
  move(@RpcPayload(moveTaskRpc) req: RpcRequestOf<typeof moveTaskRpc>) {
    return this.moveTask.execute(req.context, {
      code: req.code,
      move: req.move,
      ...(req.reason ? { reason: req.reason } : {}),
      ...(req.expectedVersion !== undefined ? { expectedVersion: req.expectedVersion } : {}),
    });
  }

  @MessagePattern(getPlanRpc.subject)
  getPlan(@RpcPayload(getPlanRpc) req: RpcRequestOf<typeof getPlanRpc>) {
    return this.plans.get(req.year);
  }

  @MessagePattern(publishPlanRpc.subject)
  publishPlan(@RpcPayload(publishPlanRpc) req: RpcRequestOf<typeof publishPlanRpc>) {
    return this.plans.publish(req.context, req.year);
  }

  @MessagePattern(importPolicyRpc.subject)
  import(@RpcPayload(importPolicyRpc) req: RpcRequestOf<typeof importPolicyRpc>) {
    if (!(req.context.actor.roles ?? []).includes('office')) {
      throw new DomainError('forbidden', 'only the leading-group office imports policies');
    }
    return this.importPolicy.execute(req.context, req.year, req.text);
  }
}
