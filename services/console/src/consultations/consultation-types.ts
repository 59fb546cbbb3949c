import { hasShape } from '../api/checked-request';

/** Wire types of consultation records, meetings and resolutions (`/api/v1/consultations`, `/meetings`, `/resolutions`). */

export const CONSULTATION_TYPES = [
  'risk_review',
  'overdue_review',
  'acceptance_appraisal',
  'cancellation_review',
] as const;
export type ConsultationType = (typeof CONSULTATION_TYPES)[number];

export const CONSULTATION_STATUSES = ['open', 'scheduled', 'discussed', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const MEETING_STATUSES = ['scheduled', 'held', 'minutes_approved', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const PARTICIPANT_KINDS = ['enterprise', 'university', 'institute', 'talent', 'unit', 'expert'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export interface ConsultationView {
  readonly id: string;
  readonly type: ConsultationType;
  readonly status: ConsultationStatus;
  readonly taskCode: string;
  readonly taskTitle: string;
  readonly reason: string;
  readonly leadUnitIds: readonly string[];
  readonly coUnitIds: readonly string[];
  readonly trigger: { readonly eventId: string; readonly eventType: string; readonly at: string };
  /** The task's lead and co-responsible units, proposed as participants when the record was opened. */
  readonly proposedParticipants: readonly { readonly kind: string; readonly id: string; readonly name: string }[];
  readonly suggestedAgenda: readonly string[];
  readonly meetingIds: readonly string[];
  readonly resolutionIds: readonly string[];
  readonly openedAt: string;
  readonly closedAt?: string;
  readonly closeReason?: string;
  readonly version: number;
}

export interface MeetingParticipant {
  readonly kind: string;
  readonly name: string;
  readonly organisation?: string;
  readonly creditCode?: string;
  readonly unitId?: string;
  readonly present?: boolean;
}

export interface AgendaItem {
  readonly title: string;
  readonly recordId?: string;
}

export interface MeetingView {
  readonly id: string;
  readonly title: string;
  readonly kind: 'regular' | 'ad_hoc';
  readonly series?: string;
  readonly startsAt: string;
  readonly durationMinutes: number;
  readonly place?: string;
  readonly link?: string;
  readonly status: MeetingStatus;
  readonly participants: readonly MeetingParticipant[];
  readonly agenda: readonly AgendaItem[];
  readonly minutes?: string;
  readonly minutesApprovedBy?: string;
  readonly resolutionIds: readonly string[];
  readonly history: readonly { readonly at: string; readonly by: string; readonly from: string; readonly to: string }[];
  readonly version: number;
}

export interface ResolutionView {
  readonly id: string;
  readonly meetingId: string;
  readonly recordId?: string;
  readonly taskCode?: string;
  readonly text: string;
  readonly ownerUnitId: string;
  readonly deadline: string;
  readonly status: 'open' | 'done';
  readonly overdue: boolean;
  readonly followUpTaskCode?: string;
  readonly doneNote?: string;
  readonly doneAt?: string;
  readonly adoptedAt: string;
  readonly version: number;
}

export function isConsultation(value: unknown): value is ConsultationView {
  return hasShape(
    value,
    ['id', 'type', 'status', 'taskCode', 'taskTitle', 'reason', 'openedAt'],
    ['suggestedAgenda', 'meetingIds', 'resolutionIds'],
  );
}

export function isMeeting(value: unknown): value is MeetingView {
  return hasShape(value, ['id', 'title', 'startsAt', 'status'], ['participants', 'agenda', 'resolutionIds', 'history']);
}

export function isResolution(value: unknown): value is ResolutionView {
  return hasShape(value, ['id', 'meetingId', 'text', 'ownerUnitId', 'deadline', 'status', 'adoptedAt']);
}

export function isMeetingStatus(value: string): value is MeetingStatus {
  return (MEETING_STATUSES as readonly string[]).includes(value);
}
