import type { Actor, TaskDetail, TaskSummary } from '@aiplat/contracts';
import { isOverdue } from './overdue';
import type { TaskDocument } from './task.schema';
import { allowedMoves } from './task-status';

export function toSummary(
  doc: Pick<
    TaskDocument,
    | '_id'
    | 'title'
    | 'status'
    | 'parentCode'
    | 'leadUnitIds'
    | 'coUnitIds'
    | 'dueDate'
    | 'progress'
    | 'riskLevel'
    | 'milestones'
    | 'version'
  >,
  now: Date,
): TaskSummary {
  return {
    code: doc._id,
    title: doc.title,
    status: doc.status,
    ...(doc.parentCode ? { parentCode: doc.parentCode } : {}),
    leadUnitIds: doc.leadUnitIds,
    coUnitIds: doc.coUnitIds,
    ...(doc.dueDate ? { dueDate: doc.dueDate } : {}),
    progress: doc.progress,
    riskLevel: doc.riskLevel,
    overdue: isOverdue({ status: doc.status, dueDate: doc.dueDate, milestones: doc.milestones ?? [] }, now),
    version: doc.version,
  };
}

export function toDetail(doc: TaskDocument, actor: Actor, now: Date): TaskDetail {
  return {
    ...toSummary(doc, now),
    description: doc.description,
    ...(doc.policySection ? { policySection: doc.policySection } : {}),
    children: doc.children,
    contacts: (doc.contacts ?? []).map((c) => ({
      unitId: c.unitId,
      name: c.name,
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.email ? { email: c.email } : {}),
    })),
    ...(doc.startDate ? { startDate: doc.startDate } : {}),
    milestones: doc.milestones ?? [],
    targets: doc.targets ?? [],
    weight: doc.weight,
    history: doc.history ?? [],
    activity: doc.activity ?? [],
    ...(doc.appraisal ? { appraisal: doc.appraisal } : {}),
    allowedMoves: allowedMoves(doc, actor),
  };
}

/** The domain Task behind a stored document (the domain code works on this shape). */
export function toTask(doc: TaskDocument) {
  const {
    _id,
    planYear: _y,
    version: _v,
    outbox: _o,
    outboxPending: _p,
    overdueFlaggedFor: _f,
    dueSoonRemindedFor: _r,
    activity: _a,
    reportMarks: _m,
    appraisal: _ap,
    ...rest
  } = doc;
  return { ...rest, id: _id };
}
