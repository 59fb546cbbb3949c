import {
  conflict,
  DomainError,
  holdsPermission,
  type Actor,
  type TalentCategory,
  type TalentStage,
  type TalentView,
} from '@aiplat/contracts';

export interface Organisation {
  name: string;
  creditCode?: string;
}

export interface PackageTerm {
  kind: string;
  description: string;
  amount?: number;
}

export interface TalentPackage {
  version: number;
  status: 'offered' | 'accepted' | 'declined';
  terms: PackageTerm[];
  conditions?: string;
  amount: number;
  programmeId?: string;
  year?: number;
  allocation?: {
    state: 'requested' | 'created' | 'approved' | 'rejected' | 'failed';
    programmeId: string;
    year: number;
    allocationId?: string;
    reason?: string;
    /** Who accepted the package: the allocation is asked for on their behalf. */
    requestedBy: Actor;
  };
}

/**
 * A talent record as stored. Contact details and the contact log are personal data: views leave
 * them out unless the reader holds `talent.contacts`, and no event carries them.
 */
export interface TalentDocument {
  _id: string;
  kind: 'person' | 'team';
  name: string;
  category: TalentCategory;
  fields: string[];
  members: { name: string; role: string }[];
  currentOrganisation: Organisation;
  targetOrganisation?: Organisation;
  source: string;
  stage: TalentStage;
  history: { at: string; by: string; from: string; to: string; note?: string }[];
  contact?: { phone?: string; email?: string; address?: string };
  contactLog: { at: string; by: string; channel: string; note: string }[];
  package?: TalentPackage;
  links: { taskCodes: string[]; expertId?: string; consultationIds: string[] };
  followUps: {
    year: number;
    stillInCity: boolean;
    patents: number;
    products: number;
    companiesFounded: number;
    note?: string;
  }[];
  lastActivityAt: string;
  onboardedAt?: string;
  createdAt: string;
  version: number;
  outbox?: Record<string, unknown>;
  outboxPending?: boolean;
}

/** The pipeline, in order; `declined` and `withdrawn` end it from any stage before onboarding. */
export const PIPELINE: readonly TalentStage[] = [
  'identified',
  'contacted',
  'negotiating',
  'agreed',
  'signed',
  'onboarded',
];
const ENDED: readonly TalentStage[] = ['onboarded', 'declined', 'withdrawn'];

/** The stages a record may move to from `stage`: the next one, or an end with a reason. */
export function nextStages(stage: TalentStage): TalentStage[] {
  if (ENDED.includes(stage)) return [];
  const next = PIPELINE[PIPELINE.indexOf(stage) + 1];
  return [...(next ? [next] : []), 'declined', 'withdrawn'];
}

/** Whether a move is allowed; declining or withdrawing needs a reason (the note). */
export function decideStage(stage: TalentStage, to: TalentStage, note: string | undefined): DomainError | undefined {
  const allowed = nextStages(stage);
  if (!allowed.includes(to)) {
    return conflict(`a talent record at ${stage} cannot move to ${to}; allowed: ${allowed.join(', ') || 'nothing'}`, {
      allowedStages: allowed,
    });
  }
  if ((to === 'declined' || to === 'withdrawn') && !note) {
    return new DomainError('validation', `${to} needs a reason`, [{ path: 'note', message: 'required' }]);
  }
  return undefined;
}

/** Stalled: still in the pipeline with no activity for `stallDays`. */
export function isStalled(
  doc: Pick<TalentDocument, 'stage' | 'lastActivityAt'>,
  now: Date,
  stallDays: number,
): boolean {
  if (ENDED.includes(doc.stage)) return false;
  return now.getTime() - Date.parse(doc.lastActivityAt) > stallDays * 86_400_000;
}

/** A package is offered while negotiating or agreed; a new offer replaces one not accepted. */
export function checkOffer(doc: Pick<TalentDocument, 'stage' | 'package'>): DomainError | undefined {
  if (doc.stage !== 'negotiating' && doc.stage !== 'agreed') {
    return conflict(`packages are offered while negotiating or agreed; this talent is ${doc.stage}`);
  }
  if (doc.package?.status === 'accepted') return conflict('the talent has accepted a package already');
  return undefined;
}

export const packageAmount = (terms: readonly PackageTerm[]) => terms.reduce((sum, t) => sum + (t.amount ?? 0), 0);

export function toTalentView(doc: TalentDocument, actor: Actor, now: Date, stallDays: number): TalentView {
  const personal = holdsPermission(actor, 'talent.contacts');
  const p = doc.package;
  return {
    id: doc._id,
    kind: doc.kind,
    name: doc.name,
    category: doc.category,
    fields: doc.fields,
    members: doc.members ?? [],
    currentOrganisation: doc.currentOrganisation,
    ...(doc.targetOrganisation ? { targetOrganisation: doc.targetOrganisation } : {}),
    source: doc.source,
    stage: doc.stage,
    stalled: isStalled(doc, now, stallDays),
    lastActivityAt: doc.lastActivityAt,
    history: (doc.history ?? []).map((h) => ({
      at: h.at,
      by: h.by,
      from: h.from,
      to: h.to,
      ...(h.note ? { note: h.note } : {}),
    })),
    ...(p
      ? {
          package: {
            version: p.version,
            status: p.status,
            terms: p.terms,
            ...(p.conditions ? { conditions: p.conditions } : {}),
            amount: p.amount,
            ...(p.allocation
              ? {
                  allocation: {
                    state: p.allocation.state,
                    programmeId: p.allocation.programmeId,
                    year: p.allocation.year,
                    ...(p.allocation.allocationId ? { allocationId: p.allocation.allocationId } : {}),
                    ...(p.allocation.reason ? { reason: p.allocation.reason } : {}),
                  },
                }
              : {}),
          },
        }
      : {}),
    links: {
      taskCodes: doc.links?.taskCodes ?? [],
      ...(doc.links?.expertId ? { expertId: doc.links.expertId } : {}),
      consultationIds: doc.links?.consultationIds ?? [],
    },
    followUps: doc.followUps ?? [],
    ...(doc.onboardedAt ? { onboardedAt: doc.onboardedAt } : {}),
    ...(personal ? { contact: doc.contact ?? {}, contactLog: doc.contactLog ?? [] } : {}),
    version: doc.version,
  };
}
