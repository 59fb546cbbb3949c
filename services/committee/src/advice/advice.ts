import type { AdviceView, CommitteeSubject, RecommendationStatus } from '@aiplat/contracts';
import type { OutboxEntry } from '@aiplat/messaging';

export interface Recommendation {
  text: string;
  status: RecommendationStatus;
  response?: string;
  respondedBy?: string;
  respondedAt?: Date;
}

/** Advice (咨询意见) by one expert or a group; corrections raise `revision` and keep the earlier version. */
export interface AdviceDocument {
  _id: string;
  subject: CommitteeSubject;
  title: string;
  text: string;
  expertIds: string[];
  recommendations: Recommendation[];
  revision: number;
  recordedBy: string;
  recordedAt: Date;
  version: number;
  outbox?: Record<string, OutboxEntry>;
  outboxPending?: boolean;
}

/** An earlier version of corrected advice, `_id` = `<advice id>#<revision>` (kept once, never changed). */
export interface AdviceVersionDocument {
  _id: string;
  adviceId: string;
  revision: number;
  title: string;
  text: string;
  recommendations: string[];
  by: string;
  at: Date;
}

export const versionId = (adviceId: string, revision: number) => `${adviceId}#${revision}`;

/**
 * The recommendations after a correction: one whose text is unchanged at the same place keeps
 * the office's response; a new or reworded one waits for a response again.
 */
export function correctedRecommendations(
  before: readonly Recommendation[],
  texts: readonly string[],
): Recommendation[] {
  return texts.map((text, i) => {
    const old = before[i];
    return old && old.text === text ? { ...old } : { text, status: 'pending' };
  });
}

export function toAdviceView(doc: AdviceDocument, previous: readonly AdviceVersionDocument[]): AdviceView {
  return {
    id: doc._id,
    subject: { ...doc.subject },
    title: doc.title,
    text: doc.text,
    expertIds: [...doc.expertIds],
    recommendations: doc.recommendations.map((r, index) => ({
      index,
      text: r.text,
      status: r.status,
      ...(r.response ? { response: r.response } : {}),
      ...(r.respondedBy ? { respondedBy: r.respondedBy } : {}),
      ...(r.respondedAt ? { respondedAt: r.respondedAt.toISOString() } : {}),
    })),
    revision: doc.revision,
    previous: [...previous]
      .sort((a, b) => a.revision - b.revision)
      .map((v) => ({
        revision: v.revision,
        title: v.title,
        text: v.text,
        recommendations: [...v.recommendations],
        by: v.by,
        at: v.at.toISOString(),
      })),
    recordedBy: doc.recordedBy,
    recordedAt: doc.recordedAt.toISOString(),
    version: doc.version,
  };
}
