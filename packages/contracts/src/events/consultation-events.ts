import { z } from 'zod';
import { defineEvent } from '../registry';

/**
 * Regular consultations (定期会商机制), produced by the consultations service.
 *
 * A consultation record is opened, once per triggering event, when a key task moves to
 * `at_risk`, is flagged overdue, is `completed` (acceptance appraisal) or `cancelled` (review of
 * why): `open → scheduled → discussed → closed`. A meeting: `scheduled → held → minutes_approved →
 * closed`. A resolution (决议): `open → done`.
 */
export const CONSULTATION_TYPES = [
  'risk_review',
  'overdue_review',
  'acceptance_appraisal',
  'cancellation_review',
] as const;
export const consultationTypeSchema = z.enum(CONSULTATION_TYPES);
export type ConsultationType = z.infer<typeof consultationTypeSchema>;

export const CONSULTATION_STATUSES = ['open', 'scheduled', 'discussed', 'closed'] as const;
export const consultationStatusSchema = z.enum(CONSULTATION_STATUSES);
export type ConsultationStatus = z.infer<typeof consultationStatusSchema>;

export const MEETING_STATUSES = ['scheduled', 'held', 'minutes_approved', 'closed'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

export const RESOLUTION_STATUSES = ['open', 'done'] as const;
export const resolutionStatusSchema = z.enum(RESOLUTION_STATUSES);
export type ResolutionStatus = z.infer<typeof resolutionStatusSchema>;

const id = z.string().min(1).max(64);
const unitIds = z.array(z.string().min(1).max(64)).max(32);

const consultationEvent = <T extends string, S extends z.ZodRawShape>(
  type: T,
  description: string,
  shape: S,
  consumers: string[] = [],
) => defineEvent({ type, version: 1, source: 'consultations', description, consumers, data: z.object(shape).strict() });

export const consultationOpened = consultationEvent(
  'consultation.opened',
  'A consultation record was opened because a key task went at risk, overdue, completed or cancelled; it links back to the event that caused it.',
  {
    recordId: id,
    type: consultationTypeSchema,
    taskCode: z.string().min(1).max(32),
    taskTitle: z.string().min(1).max(500),
    reason: z.string().min(1).max(2000),
    leadUnitIds: unitIds.min(1),
    coUnitIds: unitIds,
    triggerEventId: z.string().min(1).max(64),
    triggerEventType: z.string().min(1).max(64),
  },
);

export const consultationScheduled = consultationEvent(
  'consultation.scheduled',
  'A consultation meeting (会商会议) was scheduled, with the consultation records on its agenda.',
  {
    meetingId: id,
    title: z.string().min(1).max(200),
    kind: z.enum(['regular', 'ad_hoc']),
    startsAt: z.iso.datetime({ offset: true }),
    recordIds: z.array(id).max(100),
  },
);

export const consultationHeld = consultationEvent(
  'consultation.held',
  'A consultation meeting was held: attendance and minutes recorded; its agenda records were discussed.',
  {
    meetingId: id,
    title: z.string().min(1).max(200),
    recordIds: z.array(id).max(100),
    present: z.number().int().nonnegative(),
    absent: z.number().int().nonnegative(),
  },
);

export const consultationClosed = consultationEvent(
  'consultation.closed',
  'A consultation record was closed: its resolutions are done (or the secretariat closed it with a reason).',
  {
    recordId: id,
    taskCode: z.string().min(1).max(32),
    reason: z.string().min(1).max(2000),
  },
);

export const resolutionAdopted = consultationEvent(
  'resolution.adopted',
  'A consultation meeting adopted a resolution (决议) with an owner unit and a deadline; it may create a follow-up task.',
  {
    resolutionId: id,
    meetingId: id,
    recordId: id.optional(),
    taskCode: z.string().min(1).max(32).optional(),
    text: z.string().min(1).max(2000),
    ownerUnitId: z.string().min(1).max(64),
    deadline: z.iso.date(),
  },
);

export const resolutionDone = consultationEvent(
  'resolution.done',
  'A resolution was carried out; a consultation record closes when all its resolutions are done.',
  {
    resolutionId: id,
    meetingId: id,
    recordId: id.optional(),
    followUpTaskCode: z.string().min(1).max(32).optional(),
    note: z.string().min(1).max(2000),
  },
);
