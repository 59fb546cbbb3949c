import { z } from 'zod';
import { expertFieldSchema } from '../events/committee-events';
import { talentCategorySchema, talentStageSchema } from '../events/talent-events';
import { creditCodeSchema } from '../funding/credit-code';
import { defineRpc } from '../registry';
import { rpcSubject } from '../subjects';
import { requestContextSchema, taskCodeParam } from './tasks';

/**
 * Talent records, the introduction pipeline, support packages and figures, served by the talent
 * service. Contact details (personal data) reach only holders of `talent.contacts`; every other
 * view leaves them out.
 */

const text = (max: number) => z.string().min(1).max(max);
const id = z.string().min(1).max(64);
const ctx = { context: requestContextSchema };

export const organisationSchema = z.object({ name: text(200), creditCode: creditCodeSchema.optional() }).strict();
export const talentContactSchema = z
  .object({ phone: text(32).optional(), email: z.email().max(200).optional(), address: text(500).optional() })
  .strict();

export const PACKAGE_TERM_KINDS = [
  'research_funding',
  'housing_subsidy',
  'settlement_subsidy',
  'lab_space',
  'team_positions',
  'other',
] as const;

export const packageTermSchema = z
  .object({
    kind: z.enum(PACKAGE_TERM_KINDS),
    description: text(500),
    /** Money this term carries, in fen (research funding, subsidies); none for lab space or positions. */
    amount: z
      .number()
      .int('an amount in fen must be a whole number')
      .positive()
      .max(Number.MAX_SAFE_INTEGER)
      .optional(),
  })
  .strict();

export const talentViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['person', 'team']),
  name: z.string(),
  category: talentCategorySchema,
  fields: z.array(z.string()),
  members: z.array(z.object({ name: z.string(), role: z.string() })),
  currentOrganisation: z.object({ name: z.string(), creditCode: z.string().optional() }),
  targetOrganisation: z.object({ name: z.string(), creditCode: z.string().optional() }).optional(),
  source: z.string(),
  stage: talentStageSchema,
  /** No activity for the configured number of days while still in the pipeline. */
  stalled: z.boolean(),
  lastActivityAt: z.string(),
  history: z.array(
    z.object({ at: z.string(), by: z.string(), from: z.string(), to: z.string(), note: z.string().optional() }),
  ),
  package: z
    .object({
      version: z.number().int(),
      status: z.enum(['offered', 'accepted', 'declined']),
      terms: z.array(z.object({ kind: z.string(), description: z.string(), amount: z.number().optional() })),
      conditions: z.string().optional(),
      amount: z.number().int(),
      allocation: z
        .object({
          state: z.enum(['requested', 'created', 'approved', 'rejected', 'failed']),
          programmeId: z.string(),
          year: z.number().int(),
          allocationId: z.string().optional(),
          reason: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  links: z.object({
    taskCodes: z.array(z.string()),
    expertId: z.string().optional(),
    consultationIds: z.array(z.string()),
  }),
  followUps: z.array(
    z.object({
      year: z.number().int(),
      stillInCity: z.boolean(),
      patents: z.number().int(),
      products: z.number().int(),
      companiesFounded: z.number().int(),
      note: z.string().optional(),
    }),
  ),
  onboardedAt: z.string().optional(),
  /** Present only for holders of talent.contacts. */
  contact: z
    .object({ phone: z.string().optional(), email: z.string().optional(), address: z.string().optional() })
    .optional(),
  contactLog: z.array(z.object({ at: z.string(), by: z.string(), channel: z.string(), note: z.string() })).optional(),
  version: z.number().int(),
});
export type TalentView = z.infer<typeof talentViewSchema>;

const talent = <S extends z.ZodRawShape>(action: string, description: string, request: S) =>
  defineRpc({
    subject: rpcSubject('talent', 'talent', action),
    service: 'talent',
    description,
    request: z.object({ ...ctx, ...request }).strict(),
    response: talentViewSchema,
  });

export const createTalentRpc = talent('create', 'Adds a person or an innovation team to the pipeline (identified).', {
  kind: z.enum(['person', 'team']),
  name: text(100),
  category: talentCategorySchema,
  fields: z.array(expertFieldSchema).min(1).max(12),
  members: z
    .array(z.object({ name: text(100), role: text(100) }).strict())
    .max(50)
    .optional(),
  currentOrganisation: organisationSchema,
  targetOrganisation: organisationSchema.optional(),
  source: z.enum(['referral', 'event', 'enterprise_request', 'other']),
  contact: talentContactSchema.optional(),
});

export const getTalentRpc = talent('get', 'One talent record (contact details only for holders of talent.contacts).', {
  id,
});

export const moveTalentRpc = talent(
  'move',
  'Moves a talent record to the next pipeline stage, or to declined/withdrawn with a reason.',
  {
    id,
    to: talentStageSchema,
    note: text(2000).optional(),
    expectedVersion: z.number().int().nonnegative().optional(),
  },
);

export const logTalentContactRpc = talent(
  'log_contact',
  'Records a contact with the talent (keeps the record active).',
  {
    id,
    channel: z.enum(['phone', 'email', 'visit', 'meeting', 'event', 'other']),
    note: text(2000),
  },
);

export const offerPackageRpc = talent(
  'offer_package',
  'Offers a personalised support package; one carrying money names the fund programme and year its allocation is asked from.',
  {
    id,
    terms: z.array(packageTermSchema).min(1).max(20),
    conditions: text(2000).optional(),
    programmeId: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,47}$/)
      .optional(),
    year: z.number().int().min(2000).max(2100).optional(),
  },
);

export const decidePackageRpc = talent(
  'decide_package',
  'The talent accepts or declines the offered package; an accepted package carrying money asks funding for an allocation (once).',
  { id, accept: z.boolean(), note: text(2000).optional() },
);

export const linkTalentRpc = talent(
  'link',
  'Links an onboarded talent to a key task, an expert record or a consultation.',
  {
    id,
    taskCode: taskCodeParam.optional(),
    expertId: id.optional(),
    consultationId: id.optional(),
  },
);

export const recordTalentFollowUpRpc = talent(
  'follow_up',
  'Records the yearly follow-up of an onboarded talent: still in the city, patents, products, companies founded.',
  {
    id,
    year: z.number().int().min(2000).max(2100),
    stillInCity: z.boolean(),
    patents: z.number().int().min(0).max(100_000),
    products: z.number().int().min(0).max(100_000),
    companiesFounded: z.number().int().min(0).max(10_000),
    note: text(2000).optional(),
  },
);

export const listTalentRpc = defineRpc({
  subject: rpcSubject('talent', 'talent', 'list'),
  service: 'talent',
  description: 'Talent records, newest first, filtered (contact details only for holders of talent.contacts).',
  request: z
    .object({
      ...ctx,
      filter: z
        .object({
          stage: talentStageSchema.optional(),
          category: talentCategorySchema.optional(),
          stalled: z.boolean().optional(),
          q: z.string().min(1).max(100).optional(),
        })
        .strict(),
      limit: z.number().int().min(1).max(5000),
      after: id.optional(),
    })
    .strict(),
  response: z.object({ items: z.array(talentViewSchema), next: z.string().optional() }),
});

export const talentFiguresSchema = z.object({
  rows: z.array(
    z.object({
      year: z.number().int(),
      category: talentCategorySchema,
      onboarded: z.number().int(),
      target: z.number().int().optional(),
    }),
  ),
});

export const talentFiguresRpc = defineRpc({
  subject: rpcSubject('talent', 'figures', 'get'),
  service: 'talent',
  description: 'Talent brought in (onboarded) per category and year, against the targets the office set.',
  request: z.object({ ...ctx, year: z.number().int().min(2000).max(2100).optional() }).strict(),
  response: talentFiguresSchema,
});

export const setTalentTargetRpc = defineRpc({
  subject: rpcSubject('talent', 'figures', 'set_target'),
  service: 'talent',
  description: 'The office sets how many talents of a category the city aims to bring in in a year.',
  request: z
    .object({
      ...ctx,
      year: z.number().int().min(2000).max(2100),
      category: talentCategorySchema,
      count: z.number().int().min(0).max(100_000),
    })
    .strict(),
  response: talentFiguresSchema,
});

export const talentRpcs = [
  createTalentRpc,
  getTalentRpc,
  moveTalentRpc,
  logTalentContactRpc,
  offerPackageRpc,
  decidePackageRpc,
  linkTalentRpc,
  recordTalentFollowUpRpc,
  listTalentRpc,
  talentFiguresRpc,
  setTalentTargetRpc,
] as const;
