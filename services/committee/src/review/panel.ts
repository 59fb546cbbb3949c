import type { ExpertField } from '@aiplat/contracts';
import { isServing, type ExpertDocument } from '../expert/expert';
import type { ConflictRule } from './review';

export type Candidate = Pick<ExpertDocument, '_id' | 'userId' | 'name' | 'fields' | 'affiliation' | 'status' | 'term'>;

const normalise = (name: string) => name.replace(/\s+/g, '').toLowerCase();

/** Why an expert may not review (their organisation is the applicant, or their unit leads the task), or undefined. */
export function conflictOf(expert: Candidate, rule: ConflictRule): string | undefined {
  const { creditCode, organisation, unitId } = expert.affiliation;
  if (creditCode && rule.creditCodes.includes(creditCode)) return `affiliated with the applicant (${creditCode})`;
  if (rule.organisations.some((o) => normalise(o) === normalise(organisation))) {
    return `affiliated with the applicant (${organisation})`;
  }
  if (unitId && rule.unitIds.includes(unitId)) return `affiliated with a lead unit of the task (${unitId})`;
  return undefined;
}

export interface PanelRequest {
  experts: readonly Candidate[];
  fields: readonly ExpertField[];
  conflicts: ConflictRule;
  size: number;
  /** YYYY-MM-DD: only experts serving that day (active, within their term). */
  day: string;
  /** Experts already on (or declined from) this panel. */
  exclude?: ReadonlySet<string>;
  /** Open reviews per expert: among equals, the less loaded are chosen. */
  load?: ReadonlyMap<string, number>;
}

export interface PanelChoice {
  chosen: Candidate[];
  /** Serving experts kept off the panel by a conflict of interest, with the reason. */
  conflicted: Array<{ expertId: string; reason: string }>;
}

/**
 * Chooses up to `size` reviewers: serving, not conflicted, not excluded; those sharing more of
 * the review's fields first, then the less loaded, then by id (deterministic). Experts sharing no
 * field fill the panel only when too few do. The first chosen is meant to chair.
 */
export function selectPanel(req: PanelRequest): PanelChoice {
  const conflicted: PanelChoice['conflicted'] = [];
  const eligible: Array<{ expert: Candidate; overlap: number; load: number }> = [];
  for (const expert of req.experts) {
    if (!isServing(expert, req.day) || req.exclude?.has(expert._id)) continue;
    const reason = conflictOf(expert, req.conflicts);
    if (reason) {
      conflicted.push({ expertId: expert._id, reason });
      continue;
    }
    const overlap = expert.fields.filter((f) => req.fields.includes(f)).length;
    eligible.push({ expert, overlap, load: req.load?.get(expert._id) ?? 0 });
  }
  eligible.sort(
    (a, b) =>
      Math.min(b.overlap, 1) - Math.min(a.overlap, 1) ||
      b.overlap - a.overlap ||
      a.load - b.load ||
      (a.expert._id < b.expert._id ? -1 : a.expert._id > b.expert._id ? 1 : 0),
  );
  return { chosen: eligible.slice(0, req.size).map((e) => e.expert), conflicted };
}
