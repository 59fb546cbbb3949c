import { getAllocationRpc, type Actor } from '@aiplat/contracts';
import { RpcClient } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import type { ReviewDocument } from './review';
import { TaskUnits } from './task-units';

type Conflicts = ReviewDocument['conflicts'];

/** How the committee reads an allocation it reviews. */
const READER: Actor = { kind: 'system', id: 'committee', roles: ['office'] };

/**
 * The committee's conflict rule, applied to every review however it was opened (an event, the
 * office): besides the conflicts declared, no expert of the task's lead or co-responsible units,
 * nor of an allocation's applicant organisation, sits on its panel.
 */
@Injectable()
export class SubjectConflicts {
  constructor(
    private readonly tasks: TaskUnits,
    private readonly rpc: RpcClient,
  ) {}

  async of(
    review: { taskCode?: string; allocationId?: string; conflicts: Conflicts },
    requestId: string,
  ): Promise<Conflicts> {
    const { creditCodes, organisations, unitIds } = review.conflicts;
    const units = [...unitIds];
    const codes = [...creditCodes];
    const names = [...organisations];
    if (review.taskCode) units.push(...(await this.tasks.responsibleUnitsOf(review.taskCode, requestId)));
    if (review.allocationId && codes.length === 0) {
      const allocation = await this.rpc.request(
        getAllocationRpc,
        { context: { actor: READER, requestId }, allocationId: review.allocationId },
        { correlationId: requestId, timeoutMs: 3_000 },
      );
      codes.push(allocation.applicant.creditCode);
      names.push(allocation.applicant.name);
      if (allocation.taskCode) units.push(...(await this.tasks.responsibleUnitsOf(allocation.taskCode, requestId)));
    }
    return { creditCodes: [...new Set(codes)], organisations: [...new Set(names)], unitIds: [...new Set(units)] };
  }
}
