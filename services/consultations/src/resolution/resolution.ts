import type { Actor, ResolutionStatus, ResolutionView } from '@aiplat/contracts';

/**
 * A resolution (决议) as stored. `followUp` is the follow-up key task asked of the tasks service:
 * `requested` until the tasks service has answered with its code (a sweep asks again, with the
 * same key, if it did not answer).
 */
export interface ResolutionDocument {
  _id: string;
  meetingId: string;
  recordId?: string;
  taskCode?: string;
  text: string;
  ownerUnitId: string;
  deadline: string;
  status: ResolutionStatus;
  /** Units that see it: the owner and the record's task units. */
  leadUnitIds: string[];
  coUnitIds: string[];
  followUp?: {
    title: string;
    state: 'requested' | 'created' | 'failed';
    taskCode?: string;
    reason?: string;
    requestedBy: Actor;
  };
  doneNote?: string;
  doneAt?: string;
  doneBy?: string;
  adoptedAt: string;
  adoptedBy: string;
  version: number;
  outbox?: Record<string, unknown>;
  outboxPending?: boolean;
}

export function toResolutionView(doc: ResolutionDocument, today: string): ResolutionView {
  return {
    id: doc._id,
    meetingId: doc.meetingId,
    ...(doc.recordId ? { recordId: doc.recordId } : {}),
    ...(doc.taskCode ? { taskCode: doc.taskCode } : {}),
    text: doc.text,
    ownerUnitId: doc.ownerUnitId,
    deadline: doc.deadline,
    status: doc.status,
    overdue: doc.status === 'open' && doc.deadline < today,
    ...(doc.followUp?.taskCode ? { followUpTaskCode: doc.followUp.taskCode } : {}),
    ...(doc.followUp?.state === 'failed' && doc.followUp.reason ? { followUpFailure: doc.followUp.reason } : {}),
    ...(doc.doneNote ? { doneNote: doc.doneNote } : {}),
    ...(doc.doneAt ? { doneAt: doc.doneAt } : {}),
    adoptedAt: doc.adoptedAt,
    version: doc.version,
  };
}
