import { z } from 'zod';
import { defineEvent } from '../registry';

/**
 * Talent introduction (人才引进), produced by the talent service.
 *
 * Pipeline: `identified → contacted → negotiating → agreed → signed → onboarded`, or `declined` /
 * `withdrawn` with a reason from any stage before onboarding. Events never carry contact details.
 */
export const TALENT_STAGES = [
  'identified',
  'contacted',
  'negotiating',
  'agreed',
  'signed',
  'onboarded',
  'declined',
  'withdrawn',
] as const;
export const talentStageSchema = z.enum(TALENT_STAGES);
export type TalentStage = z.infer<typeof talentStageSchema>;

export const TALENT_CATEGORIES = [
  'top_scientist',
  'leading_talent',
  'innovation_team',
  'high_skill',
  'interdisciplinary',
] as const;
export const talentCategorySchema = z.enum(TALENT_CATEGORIES);
export type TalentCategory = z.infer<typeof talentCategorySchema>;

const id = z.string().min(1).max(64);
/** An organisation as the shared registry knows it: by credit code when it has one. */
const organisationRef = z
  .object({ name: z.string().min(1).max(200), creditCode: z.string().length(18).optional() })
  .strict();
const talentFacts = {
  talentId: id,
  name: z.string().min(1).max(100),
  category: talentCategorySchema,
};

const talentEvent = <T extends string, S extends z.ZodRawShape>(
  type: T,
  description: string,
  shape: S,
  consumers: string[] = [],
) => defineEvent({ type, version: 1, source: 'talent', description, consumers, data: z.object(shape).strict() });

export const talentIdentified = talentEvent(
  'talent.identified',
  'A person or team was added to the talent-introduction pipeline (no contact details travel); its organisations join the shared registry.',
  {
    ...talentFacts,
    kind: z.enum(['person', 'team']),
    source: z.string().min(1).max(32),
    currentOrganisation: organisationRef,
    targetOrganisation: organisationRef.optional(),
  },
  ['consultations'],
);

export const talentStageChanged = talentEvent(
  'talent.stage_changed',
  'A talent record moved in the pipeline (e.g. contacted → negotiating), with who and why.',
  { ...talentFacts, from: talentStageSchema, to: talentStageSchema, note: z.string().max(2000).optional() },
);

export const talentPackageOffered = talentEvent(
  'talent.package_offered',
  'A personalised support package (个性化政策) was offered: its terms and the money it carries (fen).',
  {
    ...talentFacts,
    packageVersion: z.number().int().positive(),
    amount: z.number().int().nonnegative(),
    terms: z.number().int().positive(),
  },
);

export const talentPackageAccepted = talentEvent(
  'talent.package_accepted',
  'The talent accepted the offered package; a package carrying money asks funding for an allocation.',
  { ...talentFacts, packageVersion: z.number().int().positive(), amount: z.number().int().nonnegative() },
);

export const talentOnboarded = talentEvent(
  'talent.onboarded',
  'The talent arrived and started in the city (the pipeline’s goal); it can now be linked to tasks, the committee and consultations.',
  { ...talentFacts, organisation: z.string().min(1).max(200).optional(), year: z.number().int() },
);

export const talentDeclined = talentEvent(
  'talent.declined',
  'The talent declined, or the office withdrew the approach, with a reason.',
  { ...talentFacts, stage: talentStageSchema, reason: z.string().min(1).max(2000) },
);
