import { conflict, DomainError, type MeetingStatus, type MeetingView } from '@aiplat/contracts';

export interface Participant {
  kind: string;
  name: string;
  organisation?: string;
  creditCode?: string;
  unitId?: string;
  /** The shared registry's id of the participant's organisation (enterprises, universities, institutes). */
  organisationId?: string;
  present?: boolean;
}

/** A consultation meeting as stored. `unitIds`: units it concerns (agenda records' units, participating units). */
export interface MeetingDocument {
  _id: string;
  title: string;
  kind: 'regular' | 'ad_hoc';
  series?: string;
  startsAt: string;
  durationMinutes: number;
  place?: string;
  link?: string;
  status: MeetingStatus;
  participants: Participant[];
  agenda: { title: string; recordId?: string }[];
  unitIds: string[];
  minutes?: string;
  minutesApprovedBy?: string;
  resolutionIds: string[];
  history: { at: string; by: string; from: string; to: string }[];
  createdBy: string;
  version: number;
  outbox?: Record<string, unknown>;
  outboxPending?: boolean;
}

export type MeetingMove = 'hold' | 'approve_minutes' | 'close';

/** The meeting's workflow: scheduled → held → minutes_approved → closed. */
export const MEETING_RULES: Readonly<Record<MeetingMove, { from: readonly MeetingStatus[]; to: MeetingStatus }>> = {
  hold: { from: ['scheduled'], to: 'held' },
  approve_minutes: { from: ['held'], to: 'minutes_approved' },
  close: { from: ['minutes_approved'], to: 'closed' },
};

export function decideMeetingMove(status: MeetingStatus, move: MeetingMove): MeetingStatus | DomainError {
  const rule = MEETING_RULES[move];
  if (rule.from.includes(status)) return rule.to;
  const allowed = (Object.keys(MEETING_RULES) as MeetingMove[]).filter((m) => MEETING_RULES[m].from.includes(status));
  return conflict(`a ${status} meeting cannot ${move.replace('_', ' ')}; allowed: ${allowed.join(', ') || 'nothing'}`, {
    allowedMoves: allowed,
  });
}

/**
 * That a meeting was held can be recorded from its start on, not before: a meeting three days
 * ahead has had no attendance and no minutes yet.
 */
export function decideHold(
  meeting: Pick<MeetingDocument, 'status' | 'startsAt'>,
  now: Date,
): MeetingStatus | DomainError {
  const to = decideMeetingMove(meeting.status, 'hold');
  if (to instanceof DomainError) return to;
  if (now.getTime() < Date.parse(meeting.startsAt)) {
    return conflict(`the meeting starts at ${meeting.startsAt}: that it was held can be recorded from then on`, {
      reason: 'meeting_not_started',
      startsAt: meeting.startsAt,
    });
  }
  return to;
}

/** Resolutions are adopted at a meeting that took place and is not closed yet. */
export function canAdoptResolutions(status: MeetingStatus): boolean {
  return status === 'held' || status === 'minutes_approved';
}

/** Marks who attended, by position in the participant list; refuses a position that is not there. */
export function markAttendance(
  participants: readonly Participant[],
  present: readonly number[],
): Participant[] | string {
  const wrong = present.filter((i) => i >= participants.length);
  if (wrong.length > 0) return `no participant at position ${wrong.join(', ')} (there are ${participants.length})`;
  const here = new Set(present);
  return participants.map((p, i) => ({ ...p, present: here.has(i) }));
}

export function toMeetingView(doc: MeetingDocument): MeetingView {
  return {
    id: doc._id,
    title: doc.title,
    kind: doc.kind,
    ...(doc.series ? { series: doc.series } : {}),
    startsAt: doc.startsAt,
    durationMinutes: doc.durationMinutes,
    ...(doc.place ? { place: doc.place } : {}),
    ...(doc.link ? { link: doc.link } : {}),
    status: doc.status,
    participants: doc.participants.map((p) => ({
      kind: p.kind,
      name: p.name,
      ...(p.organisation ? { organisation: p.organisation } : {}),
      ...(p.creditCode ? { creditCode: p.creditCode } : {}),
      ...(p.unitId ? { unitId: p.unitId } : {}),
      ...(p.organisationId ? { organisationId: p.organisationId } : {}),
      ...(p.present !== undefined ? { present: p.present } : {}),
    })),
    agenda: doc.agenda.map((a) => ({ title: a.title, ...(a.recordId ? { recordId: a.recordId } : {}) })),
    ...(doc.minutes ? { minutes: doc.minutes } : {}),
    ...(doc.minutesApprovedBy ? { minutesApprovedBy: doc.minutesApprovedBy } : {}),
    resolutionIds: doc.resolutionIds ?? [],
    history: doc.history ?? [],
    version: doc.version,
  };
}
