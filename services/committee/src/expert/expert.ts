import { createHash } from 'node:crypto';
import type { ExpertField, ExpertStatus, ExpertView } from '@aiplat/contracts';
import type { OutboxEntry } from '@aiplat/messaging';

/** One expert of the committee. `_id` is derived from the user account, so a user is appointed once. */
export interface ExpertDocument {
  _id: string;
  userId: string;
  name: string;
  affiliation: { organisation: string; creditCode?: string; unitId?: string };
  fields: ExpertField[];
  term: { from: string; to: string };
  status: ExpertStatus;
  suspension?: { reason: string; by: string; at: Date };
  appointedBy: string;
  appointedAt: Date;
  /** The talent record, when the expert came through talent introduction. */
  talentId?: string;
  version: number;
  outbox?: Record<string, OutboxEntry>;
  outboxPending?: boolean;
}

/** The expert id of a user account: a lookup by user is a lookup by `_id` (the only indexed filter on FerretDB). */
export function expertIdOf(userId: string): string {
  return `ex-${createHash('sha256').update(userId).digest('hex').slice(0, 32)}`;
}

/** Active and within the term on `day` (YYYY-MM-DD): only such experts are assigned to reviews. */
export function isServing(expert: Pick<ExpertDocument, 'status' | 'term'>, day: string): boolean {
  return expert.status === 'active' && expert.term.from <= day && day <= expert.term.to;
}

export function toExpertView(doc: ExpertDocument): ExpertView {
  return {
    id: doc._id,
    userId: doc.userId,
    name: doc.name,
    affiliation: { ...doc.affiliation },
    fields: [...doc.fields],
    term: { ...doc.term },
    status: doc.status,
    ...(doc.suspension ? { suspension: { ...doc.suspension, at: doc.suspension.at.toISOString() } } : {}),
    appointedBy: doc.appointedBy,
    version: doc.version,
  };
}
