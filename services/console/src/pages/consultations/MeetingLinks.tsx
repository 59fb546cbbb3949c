import { Link } from 'react-router';
import type { MeetingView } from '../../consultations/consultation-types';
import { formatDateTime } from '../../tasks/task-format';
import { useLanguage } from '../tasks/use-language';
import { MeetingStatusBadge } from './ConsultationBadges';

/** Meetings as links, with when and their status. */
export function MeetingLinks({ meetings }: { meetings: readonly MeetingView[] }) {
  const language = useLanguage();
  return (
    <ul className="reason-list">
      {meetings.map((meeting) => (
        <li key={meeting.id}>
          <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>{' '}
          <time dateTime={meeting.startsAt}>{formatDateTime(meeting.startsAt, language)}</time>{' '}
          <MeetingStatusBadge status={meeting.status} />
        </li>
      ))}
    </ul>
  );
}
