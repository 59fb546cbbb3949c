import type { CommitteeSubject, ExpertField, ReviewConclusion, ReviewType } from '@aiplat/contracts';
import type { OutboxEntry } from '@aiplat/messaging';

export type PanelRole = 'chair' | 'member';
/** assigned → declared (no conflict) → scored; assigned or declared → declined (replaced). */
export type MemberStatus = 'assigned' | 'declared' | 'declined' | 'scored';

export interface PanelMember {
  expertId: string;
  userId: string;
  name: string;
  role: PanelRole;
  status: MemberStatus;
  /** Place on the panel (assignment order); the panel is a map, so it keeps its own order. */
  order: number;
  assignedAt: Date;
  replacesExpertId?: string;
  declaredAt?: Date;
  declineReason?: string;
  declinedAt?: Date;
  /** criterion → 1..5 */
  scores?: Record<string, number>;
  comment?: string;
  weightedScore?: number;
  scoredAt?: Date;
}

/** Who must not sit on the panel: experts of these organisations (credit code or name) or units. */
export interface ConflictRule {
  creditCodes: string[];
  organisations: string[];
  unitIds: string[];
}

/**
 * One review (评估论证). The panel is a map keyed by expert id (FerretDB stores no nested arrays,
 * and a map updates by key); `panelUserIds` lets an expert's "my reviews" filter on one field.
 */
export interface ReviewDocument {
  _id: string;
  type: ReviewType;
  title: string;
  subject: CommitteeSubject;
  allocationId?: string;
  taskCode?: string;
  material: { text: string; facts: Record<string, string> };
  fields: ExpertField[];
  conflicts: ConflictRule;
  panel: Record<string, PanelMember>;
  panelUserIds: string[];
  targetSize: number;
  status: 'open' | 'concluded';
  dueDate: string;
  overdueFlagged?: boolean;
  reminded?: boolean;
  conclusion?: {
    conclusion: ReviewConclusion;
    summary: string;
    conditions?: string;
    weightedScore: number;
    by: string;
    at: Date;
  };
  causeEventId?: string;
  createdBy: string;
  createdAt: Date;
  version: number;
  outbox?: Record<string, OutboxEntry>;
  outboxPending?: boolean;
}

export const membersOf = (doc: Pick<ReviewDocument, 'panel'>): PanelMember[] =>
  Object.values(doc.panel ?? {}).sort((a, b) => a.order - b.order);

/** Members still on the panel (not declined). */
export const activeMembers = (doc: Pick<ReviewDocument, 'panel'>) =>
  membersOf(doc).filter((m) => m.status !== 'declined');

export const chairOf = (doc: Pick<ReviewDocument, 'panel'>) => activeMembers(doc).find((m) => m.role === 'chair');

/** The facts every review event carries. */
export function reviewFacts(doc: ReviewDocument) {
  return {
    reviewId: doc._id,
    type: doc.type,
    ...(doc.allocationId ? { allocationId: doc.allocationId } : {}),
    ...(doc.taskCode ? { taskCode: doc.taskCode } : {}),
  };
}
