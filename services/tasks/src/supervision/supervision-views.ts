import type { Actor, ExtensionView, NoticeView } from '@aiplat/contracts';
import type { Document } from 'mongodb';
import { isLeadStaff, holds, type Reach } from './supervision-access';
import { isPastDeadline, NOTICE_RULES } from './notice-status';
import type { ExtensionDocument, NoticeDocument } from './supervision.schema';

export function toNoticeView(doc: NoticeDocument, actor: Actor, now: Date): NoticeView {
  const allowedActions: NoticeView['allowedActions'] = [];
  if (NOTICE_RULES.respond.from.includes(doc.status) && isLeadStaff(doc, actor)) allowedActions.push('respond');
  if (NOTICE_RULES.close.from.includes(doc.status) && holds(actor, 'supervision.manage')) allowedActions.push('close');
  return {
    id: doc._id,
    taskCode: doc.taskCode,
    taskTitle: doc.taskTitle,
    leadUnitIds: doc.leadUnitIds,
    coUnitIds: doc.coUnitIds ?? [],
    reason: doc.reason,
    requiredResponse: doc.requiredResponse,
    deadline: doc.deadline,
    status: doc.status,
    overdue: (doc.status === 'open' || doc.status === 'escalated') && isPastDeadline(doc.deadline, now),
    sentBy: doc.sentBy,
    sentAt: doc.sentAt,
    ...(doc.escalatedAt ? { escalatedAt: doc.escalatedAt } : {}),
    ...(doc.response
      ? {
          response: {
            text: doc.response.text,
            ...(doc.response.evidence ? { evidence: doc.response.evidence } : {}),
            by: doc.response.by,
            unitId: doc.response.unitId,
            at: doc.response.at,
            late: doc.response.late,
          },
        }
      : {}),
    ...(doc.closedBy ? { closedBy: doc.closedBy } : {}),
    ...(doc.closedAt ? { closedAt: doc.closedAt } : {}),
    ...(doc.closeComment ? { closeComment: doc.closeComment } : {}),
    history: (doc.history ?? []).map((h) => ({
      at: h.at,
      by: h.by,
      from: h.from,
      to: h.to,
      ...(h.comment ? { comment: h.comment } : {}),
    })),
    allowedActions,
    version: doc.version,
  };
}

export function toExtensionView(doc: ExtensionDocument): ExtensionView {
  return {
    id: doc._id,
    taskCode: doc.taskCode,
    taskTitle: doc.taskTitle,
    leadUnitIds: doc.leadUnitIds,
    coUnitIds: doc.coUnitIds ?? [],
    status: doc.status,
    reason: doc.reason,
    ...(doc.currentDueDate ? { currentDueDate: doc.currentDueDate } : {}),
    requestedDueDate: doc.requestedDueDate,
    requestedBy: doc.requestedBy,
    unitId: doc.unitId,
    requestedAt: doc.requestedAt,
    ...(doc.decidedBy ? { decidedBy: doc.decidedBy } : {}),
    ...(doc.decidedAt ? { decidedAt: doc.decidedAt } : {}),
    ...(doc.decisionReason ? { decisionReason: doc.decisionReason } : {}),
    version: doc.version,
  };
}

/** A page cursor: the creation instant and id of the last item (lists are newest first, then by id). */
export function cursorOf(at: string, id: string): string {
  return `${at}_${id}`;
}

/**
 * The filter of a list page: the asked status and task, the caller's unit (bureau staff see
 * their unit's tasks only) and the position after the cursor. `atField` is the creation instant.
 */
export function listFilter(
  atField: 'sentAt' | 'requestedAt',
  reach: Reach,
  filter: { status?: string | undefined; taskCode?: string | undefined },
  after: string | undefined,
): Document {
  const and: Document[] = [];
  if (filter.status) and.push({ status: { $eq: filter.status } });
  if (filter.taskCode) and.push({ taskCode: { $eq: filter.taskCode } });
  if (reach.kind === 'unit') {
    and.push({ $or: [{ leadUnitIds: { $eq: reach.unitId } }, { coUnitIds: { $eq: reach.unitId } }] });
  }
  if (after) {
    const cut = after.lastIndexOf('_');
    const at = after.slice(0, cut);
    const id = after.slice(cut + 1);
    and.push({ $or: [{ [atField]: { $lt: at } }, { [atField]: { $eq: at }, _id: { $gt: id } }] });
  }
  return and.length > 0 ? { $and: and } : {};
}
