import { REVIEW_RUBRICS, type ReviewView } from '@aiplat/contracts';
import { membersOf, type PanelMember, type ReviewDocument } from './review';

/** Who is looking: the secretariat/office (`manager`), or an expert with their place on the panel. */
export interface Viewer {
  manager: boolean;
  expertId?: string;
}

const iso = (d: Date | undefined) => (d ? { at: d.toISOString() } : undefined);

/**
 * The review as `viewer` may see it. A member who has not declared no conflict sees only the
 * fact of the assignment (no material, no scores); a declared member sees the material and their
 * own scores; the chair and the secretariat see every score.
 */
export function toReviewView(doc: ReviewDocument, viewer: Viewer, now = new Date()): ReviewView {
  const me = viewer.expertId ? doc.panel[viewer.expertId] : undefined;
  const declared = me !== undefined && (me.status === 'declared' || me.status === 'scored');
  const full = viewer.manager || declared;
  const seesAllScores = viewer.manager || (declared && me?.role === 'chair') || doc.status === 'concluded';
  const showScores = (m: PanelMember) => full && (seesAllScores || m.expertId === me?.expertId);
  const active = membersOf(doc).filter((m) => m.status !== 'declined');
  return {
    id: doc._id,
    type: doc.type,
    title: doc.title,
    subject: { ...doc.subject },
    ...(doc.allocationId ? { allocationId: doc.allocationId } : {}),
    ...(doc.taskCode ? { taskCode: doc.taskCode } : {}),
    status: doc.status,
    dueDate: doc.dueDate,
    overdue: doc.status === 'open' && now.toISOString().slice(0, 10) > doc.dueDate,
    understaffed: active.length < doc.targetSize,
    visibility: full ? 'full' : 'assignment_only',
    ...(me ? { myExpertId: me.expertId } : {}),
    panel: membersOf(doc).map((m) => ({
      expertId: m.expertId,
      name: m.name,
      role: m.role,
      status: m.status,
      assignedAt: m.assignedAt.toISOString(),
      ...(m.declaredAt ? { declaredAt: iso(m.declaredAt)!.at } : {}),
      ...(m.declineReason && full ? { declineReason: m.declineReason } : {}),
      ...(m.replacesExpertId ? { replacesExpertId: m.replacesExpertId } : {}),
      ...(showScores(m) && m.scores ? { scores: { ...m.scores } } : {}),
      ...(showScores(m) && m.comment ? { comment: m.comment } : {}),
      ...(showScores(m) && m.weightedScore !== undefined ? { weightedScore: m.weightedScore } : {}),
    })),
    rubric: REVIEW_RUBRICS[doc.type].map((c) => ({ ...c })),
    ...(full ? { material: { text: doc.material.text, facts: { ...doc.material.facts } } } : {}),
    ...(doc.conclusion
      ? {
          conclusion: {
            conclusion: doc.conclusion.conclusion,
            summary: doc.conclusion.summary,
            ...(doc.conclusion.conditions ? { conditions: doc.conclusion.conditions } : {}),
            weightedScore: doc.conclusion.weightedScore,
            by: doc.conclusion.by,
            at: doc.conclusion.at.toISOString(),
          },
        }
      : {}),
    ...(doc.causeEventId ? { causeEventId: doc.causeEventId } : {}),
    createdAt: doc.createdAt.toISOString(),
    version: doc.version,
  };
}
