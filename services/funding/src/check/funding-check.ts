import type { FundingCheckView, TaskStatus } from '@aiplat/contracts';
import type { OutboxEntry } from '@aiplat/messaging';
import type { AllocationDocument, TrancheDecision } from '../allocation/allocation';

/** One funding check: `_id` is the id of the task event that caused it, so it is recorded once. */
export interface FundingCheckDocument {
  _id: string;
  taskCode: string;
  causeEventType: string;
  from?: TaskStatus;
  to: TaskStatus;
  at: Date;
  /** A newer event of the task had been applied when this one arrived: it changed nothing. */
  stale?: boolean;
  allocations: Array<{ allocationId: string; status: AllocationDocument['status']; tranches: TrancheDecision[] }>;
  outbox?: Record<string, OutboxEntry>;
  outboxPending?: boolean;
}

export function toCheckView(doc: FundingCheckDocument): FundingCheckView {
  return {
    id: doc._id,
    taskCode: doc.taskCode,
    causeEventType: doc.causeEventType,
    ...(doc.from ? { from: doc.from } : {}),
    to: doc.to,
    at: doc.at.toISOString(),
    ...(doc.stale ? { stale: true } : {}),
    allocations: doc.allocations.map((a) => ({
      allocationId: a.allocationId,
      status: a.status,
      tranches: a.tranches.map(({ tranche, from, to, decision, why }) => ({ tranche, from, to, decision, why })),
    })),
  };
}
