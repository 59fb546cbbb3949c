import { platformEvents, type Envelope, type EventDataOf, type PlatformEvents } from '@aiplat/contracts';
import { createEvent, type EventCause } from '@aiplat/messaging';
import type { AllocationDocument, TrancheDecision } from './allocation';

type AllocationEventType =
  | 'allocation.submitted'
  | 'allocation.eligibility_checked'
  | 'allocation.review_requested'
  | 'allocation.approved'
  | 'allocation.rejected';

type Extra<T extends AllocationEventType> = Omit<
  EventDataOf<PlatformEvents, T>,
  'allocationId' | 'programmeId' | 'year' | 'amount' | 'taskCode' | 'talentId' | 'applicantName' | 'applicantCreditCode'
>;

/** An allocation event with the facts every one of them carries, ready for the outbox. */
export function allocationEvent<T extends AllocationEventType>(
  type: T,
  doc: AllocationDocument,
  extra: Extra<T>,
  cause: EventCause,
  now: Date,
): { envelope: Envelope; subject: string } {
  const data = {
    allocationId: doc._id,
    programmeId: doc.programmeId,
    year: doc.year,
    amount: doc.amount,
    ...(doc.taskCode ? { taskCode: doc.taskCode } : {}),
    ...(doc.talentId ? { talentId: doc.talentId } : {}),
    applicantName: doc.applicant.name,
    applicantCreditCode: doc.applicant.creditCode,
    ...extra,
  } as EventDataOf<PlatformEvents, T>;
  const envelope = createEvent(
    platformEvents,
    type,
    { aggregateId: doc._id, aggregateVersion: doc.version + 1, data, ...cause },
    now,
  );
  return { envelope, subject: platformEvents[type].subject };
}

const TRANCHE_EVENT = {
  hold: 'tranche.held',
  lift_hold: 'tranche.released',
  make_payable: 'tranche.payable',
  cancel: 'tranche.cancelled',
  disburse: 'tranche.disbursed',
} as const;

/** One tranche event per decision that moved a tranche. */
export function trancheEvents(
  doc: AllocationDocument,
  decisions: ReadonlyArray<Pick<TrancheDecision, 'tranche' | 'amount' | 'from' | 'to' | 'why'> & { decision: string }>,
  cause: EventCause,
  now: Date,
  causeName?: string,
): Array<{ envelope: Envelope; subject: string }> {
  return decisions.flatMap((d) => {
    const type = TRANCHE_EVENT[d.decision as keyof typeof TRANCHE_EVENT];
    if (!type) return [];
    const envelope = createEvent(
      platformEvents,
      type,
      {
        aggregateId: doc._id,
        aggregateVersion: doc.version + 1,
        data: {
          allocationId: doc._id,
          programmeId: doc.programmeId,
          year: doc.year,
          tranche: d.tranche,
          amount: d.amount,
          ...(doc.taskCode ? { taskCode: doc.taskCode } : {}),
          from: d.from,
          to: d.to,
          cause: causeName ?? causeOf(d.decision),
        },
        ...cause,
      },
      now,
    );
    return [{ envelope, subject: platformEvents[type].subject }];
  });
}

function causeOf(decision: string): string {
  switch (decision) {
    case 'hold':
    case 'lift_hold':
      return 'task_risk';
    case 'make_payable':
      return 'task_accepted';
    case 'cancel':
      return 'task_cancelled';
    default:
      return decision;
  }
}
