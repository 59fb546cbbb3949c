import type { MeetingView } from '@aiplat/contracts';
import { ICalCalendar, ICalEventStatus } from 'ical-generator';

/** Meetings as an iCalendar feed (RFC 5545), for the secretariat's and participants' calendars. */
export function meetingsCalendar(meetings: readonly MeetingView[], now = new Date()): string {
  const calendar = new ICalCalendar({ name: '合肥市人工智能产业 · 定期会商', prodId: '//aiplat//consultations//ZH' });
  for (const m of meetings) {
    const start = new Date(m.startsAt);
    calendar.createEvent({
      id: `${m.id}@aiplat`,
      stamp: now,
      start,
      end: new Date(start.getTime() + m.durationMinutes * 60_000),
      summary: m.title,
      ...(m.place ? { location: m.place } : {}),
      ...(m.link ? { url: m.link } : {}),
      description: m.agenda.map((a, i) => `${i + 1}. ${a.title}`).join('\n'),
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
