import { getChecked, isItemsOf, postChecked, queryOf, type Items } from '../api/checked-request';
import type { SessionStore } from '../auth/session-store';
import {
  isConsultation,
  isMeeting,
  isResolution,
  type ConsultationStatus,
  type ConsultationType,
  type ConsultationView,
  type MeetingView,
  type ResolutionView,
} from './consultation-types';
import type { ResolutionRequest, ScheduleRequest } from './meeting-form';

const recordPath = (id: string) => `/api/v1/consultations/${encodeURIComponent(id)}`;
const meetingPath = (id: string) => `/api/v1/meetings/${encodeURIComponent(id)}`;

export interface RecordFilter {
  readonly status?: ConsultationStatus;
  readonly type?: ConsultationType;
  readonly taskCode?: string;
}

export function fetchRecords(
  store: SessionStore,
  filter: RecordFilter,
  signal?: AbortSignal,
): Promise<Items<ConsultationView>> {
  const path = `/api/v1/consultations${queryOf({ ...filter, limit: 500 })}`;
  return getChecked(store, path, (v) => isItemsOf(v, isConsultation), signal);
}

export function fetchRecord(store: SessionStore, id: string, signal?: AbortSignal): Promise<ConsultationView> {
  return getChecked(store, recordPath(id), isConsultation, signal);
}

export function closeRecord(store: SessionStore, id: string, reason: string): Promise<ConsultationView> {
  return postChecked(store, `${recordPath(id)}/close`, { reason }, isConsultation);
}

export interface MeetingFilter {
  readonly from?: string;
  readonly to?: string;
}

export function fetchMeetings(
  store: SessionStore,
  filter: MeetingFilter,
  signal?: AbortSignal,
): Promise<Items<MeetingView>> {
  const path = `/api/v1/meetings${queryOf({ ...filter, limit: 500 })}`;
  return getChecked(store, path, (v) => isItemsOf(v, isMeeting), signal);
}

export function fetchMeeting(store: SessionStore, id: string, signal?: AbortSignal): Promise<MeetingView> {
  return getChecked(store, meetingPath(id), isMeeting, signal);
}

export function scheduleMeeting(store: SessionStore, body: ScheduleRequest): Promise<MeetingView> {
  return postChecked(store, '/api/v1/meetings', body, isMeeting);
}

export function holdMeeting(
  store: SessionStore,
  id: string,
  present: readonly number[],
  minutes: string,
): Promise<MeetingView> {
  return postChecked(store, `${meetingPath(id)}/hold`, { present, minutes }, isMeeting);
}

export function advanceMeeting(
  store: SessionStore,
  id: string,
  action: 'approve-minutes' | 'close',
): Promise<MeetingView> {
  return postChecked(store, `${meetingPath(id)}/${action}`, undefined, isMeeting);
}

export async function fetchResolutions(
  store: SessionStore,
  filter: { readonly meetingId?: string; readonly recordId?: string },
  signal?: AbortSignal,
): Promise<readonly ResolutionView[]> {
  const path = `/api/v1/resolutions${queryOf({ ...filter, limit: 500 })}`;
  return (await getChecked(store, path, (v) => isItemsOf(v, isResolution), signal)).items;
}

export function adoptResolution(store: SessionStore, meetingId: string, body: ResolutionRequest) {
  return postChecked(store, `${meetingPath(meetingId)}/resolutions`, body, isResolution);
}

export function completeResolution(store: SessionStore, id: string, note: string): Promise<ResolutionView> {
  return postChecked(store, `/api/v1/resolutions/${encodeURIComponent(id)}/done`, { note }, isResolution);
}

/** The iCal feed of the meetings the user may see, as a file (it needs the bearer token, so not a plain link). */
export function fetchCalendarFeed(store: SessionStore) {
  return store.download('/api/v1/meetings/calendar.ics');
}
