import type { ExtensionStatus, NoticeStatus } from '@aiplat/contracts';
import type { TaskDocument } from '../task/task.schema';

/**
 * Stored shapes of the supervision records. Each lives in its own collection with a UUID `_id`,
 * carries a `version` that guards every change of state, and an outbox of events not yet
 * published (see @aiplat/messaging). Arrays hold flat objects only (FerretDB refuses nested arrays).
 */

export interface NoticeHistoryEntry {
  at: string;
  by: string;
  from: NoticeStatus;
  to: NoticeStatus;
  comment?: string;
}

export interface NoticeResponse {
  text: string;
  evidence?: string;
  by: string;
  unitId: string;
  at: string;
  /** Given after the deadline had passed. */
  late: boolean;
}

/** A supervision notice (督办通知), collection `supervision_notices`. */
export interface NoticeDocument {
  _id: string;
  taskCode: string;
  taskTitle: string;
  /** The task's units when the notice was sent: they decide who sees and who responds. */
  leadUnitIds: string[];
  coUnitIds: string[];
  reason: string;
  requiredResponse: string;
  /** YYYY-MM-DD, a calendar day in Hefei. */
  deadline: string;
  status: NoticeStatus;
  sentBy: string;
  sentAt: string;
  escalatedAt?: string;
  response?: NoticeResponse;
  closedBy?: string;
  closedAt?: string;
  closeComment?: string;
  history?: NoticeHistoryEntry[];
  version: number;
  outbox?: Record<string, unknown>;
  outboxPending?: boolean;
}

/** An extension request (延期申请), collection `extension_requests`. */
export interface ExtensionDocument {
  _id: string;
  taskCode: string;
  taskTitle: string;
  leadUnitIds: string[];
  coUnitIds: string[];
  status: ExtensionStatus;
  reason: string;
  currentDueDate?: string;
  requestedDueDate: string;
  requestedBy: string;
  unitId: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
  version: number;
  outbox?: Record<string, unknown>;
  outboxPending?: boolean;
}

/**
 * What the extension use cases keep on the task document itself. `openExtension` is the task's
 * one slot for a pending request (taken by a version-guarded update before the request is
 * inserted); `lastExtensionDecision` is written with the decision's effect on the task, so a
 * decision interrupted before the request document was updated can be finished later.
 */
export interface ExtensionSlot {
  requestId: string;
  at: string;
}

export interface ExtensionDecisionMark {
  requestId: string;
  approved: boolean;
  by: string;
  at: string;
  reason?: string;
}

export type TaskWithExtension = TaskDocument & {
  openExtension?: ExtensionSlot;
  lastExtensionDecision?: ExtensionDecisionMark;
};

export const NOTICES_COLLECTION = 'supervision_notices';
export const EXTENSIONS_COLLECTION = 'extension_requests';
