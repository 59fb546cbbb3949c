import type { AgendaItem, ConsultationView, MeetingView, ParticipantKind } from './consultation-types';

/** The schedule form's state and how it becomes `POST /api/v1/meetings`. Pure, so it is tested without a browser. */

export const MAX_AGENDA_TITLE = 500;

export interface ParticipantDraft {
  readonly kind: ParticipantKind;
  readonly name: string;
  readonly organisation: string;
  readonly creditCode: string;
  /** For `unit` participants: the unit's id. */
  readonly unitId: string;
}

export interface ScheduleDraft {
  readonly title: string;
  readonly kind: 'regular' | 'ad_hoc';
  readonly series: string;
  /** Hefei's calendar date and time (UTC+8): `2026-12-01`, `10:00`. */
  readonly date: string;
  readonly time: string;
  readonly durationMinutes: string;
  readonly place: string;
  readonly link: string;
  /** Open records chosen for the agenda, in the order chosen. */
  readonly recordIds: readonly string[];
  /** Free agenda items, one per line. */
  readonly otherItems: string;
  readonly participants: readonly ParticipantDraft[];
}

export interface ScheduleRequest {
  readonly title: string;
  readonly kind: 'regular' | 'ad_hoc';
  readonly series?: string;
  readonly startsAt: string;
  readonly durationMinutes: number;
  readonly place?: string;
  readonly link?: string;
  readonly participants: readonly {
    readonly kind: ParticipantKind;
    readonly name: string;
    readonly organisation?: string;
    readonly creditCode?: string;
    readonly unitId?: string;
  }[];
  readonly agenda: readonly AgendaItem[];
}

export const EMPTY_PARTICIPANT: ParticipantDraft = {
  kind: 'unit',
  name: '',
  organisation: '',
  creditCode: '',
  unitId: '',
};

export function emptyScheduleDraft(recordIds: readonly string[] = []): ScheduleDraft {
  return {
    title: '',
    kind: 'regular',
    series: '',
    date: '',
    time: '09:00',
    durationMinutes: '120',
    place: '',
    link: '',
    recordIds,
    otherItems: '',
    participants: [EMPTY_PARTICIPANT],
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A record on the agenda: its task, and the points suggested when it was opened. */
export function agendaItemFor(record: Pick<ConsultationView, 'id' | 'taskCode' | 'taskTitle' | 'suggestedAgenda'>) {
  const points = record.suggestedAgenda.map((point) => point.trim()).filter(Boolean);
  const title = `${record.taskCode} ${record.taskTitle}${points.length > 0 ? `：${points.join('；')}` : ''}`;
  return { title: clip(title, MAX_AGENDA_TITLE), recordId: record.id };
}

/** The agenda: the chosen open records first (in the order chosen), then the free items, one per line. */
export function buildAgenda(
  records: readonly ConsultationView[],
  recordIds: readonly string[],
  otherItems: string,
): AgendaItem[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  const fromRecords = recordIds.flatMap((id) => {
    const record = byId.get(id);
    return record ? [agendaItemFor(record)] : [];
  });
  const free = otherItems
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((title) => ({ title: clip(title, MAX_AGENDA_TITLE) }));
  return [...fromRecords, ...free];
}

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const isBlank = (p: ParticipantDraft) => !p.name.trim() && !p.organisation.trim() && !p.creditCode.trim() && !p.unitId;

/**
 * The participants with the units the chosen records propose added (each unit once; blank rows give way to them).
 * Only unit proposals are taken: the records propose nothing else today.
 */
export function withProposedParticipants(
  participants: readonly ParticipantDraft[],
  records: readonly Pick<ConsultationView, 'id' | 'proposedParticipants'>[],
  recordIds: readonly string[],
): ParticipantDraft[] {
  const kept = participants.filter((p) => !isBlank(p));
  const listed = new Set(kept.flatMap((p) => (p.kind === 'unit' && p.unitId ? [p.unitId] : [])));
  const added: ParticipantDraft[] = [];
  for (const record of records.filter((r) => recordIds.includes(r.id))) {
    for (const proposed of record.proposedParticipants) {
      if (proposed.kind !== 'unit' || listed.has(proposed.id)) continue;
      listed.add(proposed.id);
      added.push({ ...EMPTY_PARTICIPANT, kind: 'unit', name: proposed.name, unitId: proposed.id });
    }
  }
  const merged = [...kept, ...added];
  return merged.length > 0 ? merged : [...participants];
}

/** A participant as the API takes it: trimmed, empty parts left out, a credit code upper-cased. */
export function participantRequest(draft: ParticipantDraft): ScheduleRequest['participants'][number] {
  const organisation = draft.organisation.trim();
  const creditCode = draft.creditCode.trim().toUpperCase();
  const unitId = draft.kind === 'unit' ? draft.unitId.trim() : '';
  return {
    kind: draft.kind,
    name: draft.name.trim(),
    ...(organisation ? { organisation } : {}),
    ...(creditCode ? { creditCode } : {}),
    ...(unitId ? { unitId } : {}),
  };
}

export type ScheduleField = 'title' | 'date' | 'time' | 'duration' | 'place' | 'link' | 'agenda' | 'participants';
export type ScheduleProblem =
  | { readonly field: ScheduleField; readonly problem: 'required' | 'invalid' }
  | { readonly field: 'participant'; readonly index: number; readonly problem: 'name' | 'creditCode' };

/** What is missing or wrong before anything is sent (the server checks everything again). */
export function scheduleProblems(draft: ScheduleDraft, agenda: readonly AgendaItem[]): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!draft.title.trim()) problems.push({ field: 'title', problem: 'required' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) problems.push({ field: 'date', problem: 'required' });
  if (!/^\d{2}:\d{2}$/.test(draft.time)) problems.push({ field: 'time', problem: 'required' });
  const duration = Number(draft.durationMinutes);
  if (!Number.isInteger(duration) || duration < 15 || duration > 600) {
    problems.push({ field: 'duration', problem: 'invalid' });
  }
  // The service needs somewhere to meet: a room, a link, or both.
  if (!draft.place.trim() && !draft.link.trim()) problems.push({ field: 'place', problem: 'required' });
  if (draft.link.trim() && !/^https?:\/\/\S+$/.test(draft.link.trim())) {
    problems.push({ field: 'link', problem: 'invalid' });
  }
  if (agenda.length === 0) problems.push({ field: 'agenda', problem: 'required' });
  if (draft.participants.length === 0) problems.push({ field: 'participants', problem: 'required' });
  draft.participants.forEach((participant, index) => {
    if (!participant.name.trim()) problems.push({ field: 'participant', index, problem: 'name' });
    const code = participant.creditCode.trim().toUpperCase();
    if (code && !CREDIT_CODE.test(code)) problems.push({ field: 'participant', index, problem: 'creditCode' });
  });
  return problems;
}

/** The request for a draft without problems. The date and time are Hefei's, sent with their +08:00 offset. */
export function scheduleRequest(draft: ScheduleDraft, agenda: readonly AgendaItem[]): ScheduleRequest {
  const series = draft.series.trim();
  const place = draft.place.trim();
  const link = draft.link.trim();
  return {
    title: draft.title.trim(),
    kind: draft.kind,
    ...(series ? { series } : {}),
    startsAt: `${draft.date}T${draft.time}:00+08:00`,
    durationMinutes: Number(draft.durationMinutes),
    ...(place ? { place } : {}),
    ...(link ? { link } : {}),
    participants: draft.participants.map(participantRequest),
    agenda,
  };
}

export interface ResolutionDraft {
  readonly text: string;
  readonly ownerUnitId: string;
  readonly deadline: string;
  readonly recordId: string;
  readonly followUpTitle: string;
}

export interface ResolutionRequest {
  readonly text: string;
  readonly ownerUnitId: string;
  readonly deadline: string;
  readonly recordId?: string;
  readonly followUpTask?: { readonly title: string };
}

export function resolutionRequest(draft: ResolutionDraft): ResolutionRequest {
  const followUp = draft.followUpTitle.trim();
  return {
    text: draft.text.trim(),
    ownerUnitId: draft.ownerUnitId,
    deadline: draft.deadline,
    ...(draft.recordId ? { recordId: draft.recordId } : {}),
    ...(followUp ? { followUpTask: { title: followUp } } : {}),
  };
}

/** The records a meeting's agenda is about, in agenda order, once each. */
export function agendaRecordIds(meeting: Pick<MeetingView, 'agenda'>): string[] {
  return [...new Set(meeting.agenda.flatMap((item) => (item.recordId ? [item.recordId] : [])))];
}

const HEFEI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-12` for a moment, in Hefei's calendar. */
export function monthOf(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso.slice(0, 7);
  return new Date(ms + HEFEI_OFFSET_MS).toISOString().slice(0, 7);
}

/** Meetings grouped by month (Hefei time), months and meetings in time order. */
export function meetingsByMonth<T extends Pick<MeetingView, 'startsAt'>>(
  meetings: readonly T[],
): { month: string; meetings: T[] }[] {
  const sorted = [...meetings].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const groups = new Map<string, T[]>();
  for (const meeting of sorted) {
    const month = monthOf(meeting.startsAt);
    groups.set(month, [...(groups.get(month) ?? []), meeting]);
  }
  return [...groups].map(([month, items]) => ({ month, meetings: items }));
}
