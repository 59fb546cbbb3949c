import { z } from 'zod';
import {
  consultationStatusSchema,
  consultationTypeSchema,
  meetingStatusSchema,
  resolutionStatusSchema,
} from '../events/consultation-events';
import { creditCodeSchema } from '../funding/credit-code';
import { defineRpc } from '../registry';
import { rpcSubject } from '../subjects';
import { unitIdSchema } from '../units';
import { requestContextSchema, taskCodeParam } from './tasks';

/**
 * Consultation records, meetings and resolutions, served by the consultations service. Bureau
 * staff see the consultations about tasks their unit leads or co-owns; the secretariat runs them.
 */

const text = (max: number) => z.string().min(1).max(max);
const id = z.string().min(1).max(64);
/** A page cursor: the `next` of the previous page. */
const cursor = z.string().min(1).max(128);

export const participantKindSchema = z.enum(['enterprise', 'university', 'institute', 'talent', 'unit', 'expert']);

export const participantSchema = z
  .object({
    kind: participantKindSchema,
    name: text(100),
    /** The organisation (enterprise, university, institute) or the expert's affiliation. */
    organisation: text(200).optional(),
    creditCode: creditCodeSchema.optional(),
    unitId: unitIdSchema.optional(),
  })
  .strict();

export const consultationViewSchema = z.object({
  id: z.string(),
  type: consultationTypeSchema,
  status: consultationStatusSchema,
  taskCode: z.string(),
  taskTitle: z.string(),
  reason: z.string(),
  leadUnitIds: z.array(z.string()),
  coUnitIds: z.array(z.string()),
  trigger: z.object({ eventId: z.string(), eventType: z.string(), at: z.string() }),
  proposedParticipants: z.array(z.object({ kind: z.string(), id: z.string(), name: z.string() })),
  /** Pre-filled from the task when the record was opened: state, progress, missed milestones. */
  suggestedAgenda: z.array(z.string()),
  meetingIds: z.array(z.string()),
  resolutionIds: z.array(z.string()),
  openedAt: z.string(),
  closedAt: z.string().optional(),
  closeReason: z.string().optional(),
  version: z.number().int(),
});
export type ConsultationView = z.infer<typeof consultationViewSchema>;

export const meetingViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['regular', 'ad_hoc']),
  series: z.string().optional(),
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  place: z.string().optional(),
  link: z.string().optional(),
  status: meetingStatusSchema,
  participants: z.array(
    z.object({
      kind: z.string(),
      name: z.string(),
      organisation: z.string().optional(),
      creditCode: z.string().optional(),
      unitId: z.string().optional(),
      /** The participant's organisation in the shared registry. */
      organisationId: z.string().optional(),
      present: z.boolean().optional(),
    }),
  ),
  agenda: z.array(z.object({ title: z.string(), recordId: z.string().optional() })),
  minutes: z.string().optional(),
  minutesApprovedBy: z.string().optional(),
  resolutionIds: z.array(z.string()),
  history: z.array(z.object({ at: z.string(), by: z.string(), from: z.string(), to: z.string() })),
  version: z.number().int(),
});
export type MeetingView = z.infer<typeof meetingViewSchema>;

export const resolutionViewSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  recordId: z.string().optional(),
  taskCode: z.string().optional(),
  text: z.string(),
  ownerUnitId: z.string(),
  deadline: z.string(),
  status: resolutionStatusSchema,
  /** Past its deadline and not done. */
  overdue: z.boolean(),
  followUpTaskCode: z.string().optional(),
  /** Why the tasks service refused the follow-up task, when it did. */
  followUpFailure: z.string().optional(),
  doneNote: z.string().optional(),
  doneAt: z.string().optional(),
  adoptedAt: z.string(),
  version: z.number().int(),
});
export type ResolutionView = z.infer<typeof resolutionViewSchema>;

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next: z.string().optional() });

export const listConsultationsRpc = defineRpc({
  subject: rpcSubject('consultations', 'record', 'list'),
  service: 'consultations',
  description:
    'Consultation records visible to the asking user (bureau staff: about their unit’s tasks), newest first.',
  request: z
    .object({
      context: requestContextSchema,
      filter: z
        .object({
          status: consultationStatusSchema.optional(),
          type: consultationTypeSchema.optional(),
          taskCode: taskCodeParam.optional(),
        })
        .strict(),
      limit: z.number().int().min(1).max(500),
      after: cursor.optional(),
    })
    .strict(),
  response: page(consultationViewSchema),
});

export const getConsultationRpc = defineRpc({
  subject: rpcSubject('consultations', 'record', 'get'),
  service: 'consultations',
  description: 'One consultation record with its trigger, suggested agenda, meetings and resolutions.',
  request: z.object({ context: requestContextSchema, id }).strict(),
  response: consultationViewSchema,
});

export const closeConsultationRpc = defineRpc({
  subject: rpcSubject('consultations', 'record', 'close'),
  service: 'consultations',
  description:
    'The secretariat closes a consultation record with a reason (refused while one of its resolutions is open).',
  request: z.object({ context: requestContextSchema, id, reason: text(2000) }).strict(),
  response: consultationViewSchema,
});

export const scheduleMeetingRpc = defineRpc({
  subject: rpcSubject('consultations', 'meeting', 'schedule'),
  service: 'consultations',
  description:
    'The secretariat schedules a consultation meeting (regular or ad hoc) with participants and an agenda drawn from open records.',
  request: z
    .object({
      context: requestContextSchema,
      title: text(200),
      kind: z.enum(['regular', 'ad_hoc']),
      series: text(100).optional(),
      startsAt: z.iso.datetime({ offset: true }),
      durationMinutes: z.number().int().min(15).max(600),
      place: text(200).optional(),
      link: z.url().max(500).optional(),
      participants: z.array(participantSchema).min(1).max(200),
      agenda: z
        .array(z.object({ title: text(500), recordId: id.optional() }).strict())
        .min(1)
        .max(50),
    })
    .strict(),
  response: meetingViewSchema,
});

export const listMeetingsRpc = defineRpc({
  subject: rpcSubject('consultations', 'meeting', 'list'),
  service: 'consultations',
  description:
    'Consultation meetings, by start time (bureau staff: those about their unit’s tasks or with their unit).',
  request: z
    .object({
      context: requestContextSchema,
      filter: z
        .object({
          status: meetingStatusSchema.optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        })
        .strict(),
      limit: z.number().int().min(1).max(500),
      after: cursor.optional(),
    })
    .strict(),
  response: page(meetingViewSchema),
});

export const getMeetingRpc = defineRpc({
  subject: rpcSubject('consultations', 'meeting', 'get'),
  service: 'consultations',
  description: 'One consultation meeting with its participants, agenda, minutes and resolutions.',
  request: z.object({ context: requestContextSchema, id }).strict(),
  response: meetingViewSchema,
});

export const holdMeetingRpc = defineRpc({
  subject: rpcSubject('consultations', 'meeting', 'hold'),
  service: 'consultations',
  description: 'Records that a meeting was held: who attended (by participant position) and its minutes.',
  request: z
    .object({
      context: requestContextSchema,
      id,
      present: z.array(z.number().int().nonnegative()).max(200),
      minutes: text(50_000),
    })
    .strict(),
  response: meetingViewSchema,
});

export const MEETING_ACTIONS = ['approve_minutes', 'close'] as const;

export const scheduleNextMeetingRpc = defineRpc({
  subject: rpcSubject('consultations', 'meeting', 'schedule_next'),
  service: 'consultations',
  description:
    'Schedules the next meeting of a regular series: same title, place, participants and the agenda template (the items not tied to a record), plus the records still open that are given.',
  request: z
    .object({
      context: requestContextSchema,
      id,
      startsAt: z.iso.datetime({ offset: true }),
      recordIds: z.array(id).max(50).optional(),
    })
    .strict(),
  response: meetingViewSchema,
});

export const advanceMeetingRpc = defineRpc({
  subject: rpcSubject('consultations', 'meeting', 'advance'),
  service: 'consultations',
  description: 'Approves a held meeting’s minutes, or closes a meeting whose minutes are approved.',
  request: z.object({ context: requestContextSchema, id, action: z.enum(MEETING_ACTIONS) }).strict(),
  response: meetingViewSchema,
});

export const adoptResolutionRpc = defineRpc({
  subject: rpcSubject('consultations', 'resolution', 'adopt'),
  service: 'consultations',
  description:
    'Records a resolution (决议) of a held meeting, with an owner unit and a deadline; optionally creates a follow-up key task for the owner (once).',
  request: z
    .object({
      context: requestContextSchema,
      meetingId: id,
      recordId: id.optional(),
      text: text(2000),
      ownerUnitId: unitIdSchema,
      deadline: z.iso.date(),
      followUpTask: z
        .object({ title: text(500) })
        .strict()
        .optional(),
    })
    .strict(),
  response: resolutionViewSchema,
});

export const completeResolutionRpc = defineRpc({
  subject: rpcSubject('consultations', 'resolution', 'complete'),
  service: 'consultations',
  description:
    'Marks a resolution done (the secretariat, or staff of its owner unit); a record closes when all its resolutions are done.',
  request: z.object({ context: requestContextSchema, id, note: text(2000) }).strict(),
  response: resolutionViewSchema,
});

export const listResolutionsRpc = defineRpc({
  subject: rpcSubject('consultations', 'resolution', 'list'),
  service: 'consultations',
  description: 'Resolutions, by deadline (bureau staff: those their unit owns or about their unit’s tasks).',
  request: z
    .object({
      context: requestContextSchema,
      filter: z
        .object({
          status: resolutionStatusSchema.optional(),
          meetingId: id.optional(),
          recordId: id.optional(),
          ownerUnitId: z.string().max(64).optional(),
        })
        .strict(),
      limit: z.number().int().min(1).max(500),
      after: cursor.optional(),
    })
    .strict(),
  response: page(resolutionViewSchema),
});

/**
 * The registry of participant organisations (enterprises, universities, institutes), kept by the
 * consultations service and shared by reference: an organisation with a unified social credit code
 * is registered under that code — the same reference funding's applicants and talent records carry —
 * and one without (an overseas institute) under its name.
 */
export const ORGANISATION_KINDS = ['enterprise', 'university', 'institute', 'other'] as const;
export const organisationKindSchema = z.enum(ORGANISATION_KINDS);

export const organisationViewSchema = z.object({
  /** The credit code, or `name:<hash>` for an organisation without one. */
  id: z.string(),
  kind: organisationKindSchema,
  name: z.string(),
  creditCode: z.string().optional(),
  /** Where it was first met: `meeting`, `funding`, `talent` or `registry`. */
  source: z.string(),
  registeredAt: z.string(),
});
export type OrganisationView = z.infer<typeof organisationViewSchema>;

export const registerOrganisationRpc = defineRpc({
  subject: rpcSubject('consultations', 'organisation', 'register'),
  service: 'consultations',
  description:
    'Registers a participant organisation, once: the same credit code (or, without one, the same name) gives the same entry back.',
  request: z
    .object({
      context: requestContextSchema,
      kind: organisationKindSchema,
      name: text(200),
      creditCode: creditCodeSchema.optional(),
    })
    .strict(),
  response: organisationViewSchema,
});

export const listOrganisationsRpc = defineRpc({
  subject: rpcSubject('consultations', 'organisation', 'list'),
  service: 'consultations',
  description: 'The registry of participant organisations, by name, filtered by kind or words.',
  request: z
    .object({
      context: requestContextSchema,
      kind: organisationKindSchema.optional(),
      q: z.string().min(1).max(100).optional(),
      limit: z.number().int().min(1).max(500),
    })
    .strict(),
  response: z.object({ items: z.array(organisationViewSchema) }),
});

export const consultationsRpcs = [
  registerOrganisationRpc,
  listOrganisationsRpc,
  listConsultationsRpc,
  getConsultationRpc,
  closeConsultationRpc,
  scheduleMeetingRpc,
  scheduleNextMeetingRpc,
  listMeetingsRpc,
  getMeetingRpc,
  holdMeetingRpc,
  advanceMeetingRpc,
  adoptResolutionRpc,
  completeResolutionRpc,
  listResolutionsRpc,
] as const;
