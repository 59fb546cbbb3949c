import type { AllocationView } from '@aiplat/contracts';
import type { AllocationDocument } from './allocation';

export function toAllocationView(doc: AllocationDocument): AllocationView {
  return {
    id: doc._id,
    programmeId: doc.programmeId,
    year: doc.year,
    applicant: doc.applicant,
    ...(doc.taskCode ? { taskCode: doc.taskCode } : {}),
    ...(doc.talentId ? { talentId: doc.talentId } : {}),
    amount: doc.amount,
    purpose: doc.purpose,
    status: doc.status,
    tranches: doc.tranches.map((t) => ({
      index: t.index,
      title: t.title,
      amount: t.amount,
      trigger: t.trigger,
      ...(t.milestone ? { milestone: t.milestone } : {}),
      status: t.status,
      ...(t.holdCause ? { holdCause: t.holdCause } : {}),
      ...(t.awaitingAcceptance ? { awaitingAcceptance: true } : {}),
    })),
    ...(doc.eligibility ? { eligibility: { ...doc.eligibility, at: doc.eligibility.at.toISOString() } } : {}),
    ...(doc.review ? { review: { ...doc.review, at: doc.review.at.toISOString() } } : {}),
    createdBy: doc.createdBy,
    ...(doc.submittedBy ? { submittedBy: doc.submittedBy } : {}),
    ...(doc.approvedBy ? { approvedBy: doc.approvedBy } : {}),
    ...(doc.override ? { override: doc.override } : {}),
    ...(doc.rejection ? { rejection: doc.rejection } : {}),
    history: (doc.history ?? []).map((h) => ({
      at: h.at.toISOString(),
      by: h.by,
      action: h.action,
      ...(h.note ? { note: h.note } : {}),
    })),
    version: doc.version,
  };
}
