import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { saveFile } from '../../api/save-file';
import { useSessionStore } from '../../auth/session-context';
import { fetchCalendarFeed, fetchMeetings } from '../../consultations/consultation-api';
import { meetingsByMonth } from '../../consultations/meeting-form';
import { formatDateTime } from '../../tasks/task-format';
import { ActionFeedback } from '../common/ActionFeedback';
import { Frame } from '../common/Frame';
import { Loaded } from '../common/Loaded';
import { useAction } from '../common/use-action';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { MeetingStatusBadge } from './ConsultationBadges';
import { ConsultationTabs } from './ConsultationTabs';

/** `#/meetings/calendar`: the meetings month by month, and the iCal feed to take them into a calendar program. */
export function CalendarPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const download = useAction();
  const { resource, reload } = useResource('calendar', (signal) => fetchMeetings(store, {}, signal));
  const monthLabel = (month: string) =>
    t('consultations.meetings.month', { year: month.slice(0, 4), month: Number(month.slice(5, 7)) });
  return (
    <Frame heading={t('consultations.meetings.calendar')} testId="calendar-page">
      <ConsultationTabs />
      <p className="page-intro">{t('consultations.meetings.calendarIntro')}</p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-testid="calendar-download"
          aria-disabled={download.busy}
          onClick={() =>
            !download.busy &&
            void download.run(
              async () => {
                const file = await fetchCalendarFeed(store);
                saveFile(file.blob, file.filename ?? 'meetings.ics');
              },
              () => t('consultations.meetings.downloaded'),
            )
          }
        >
          {t('consultations.meetings.download')}
        </button>
      </div>
      <ActionFeedback action={download} onReload={reload} testId="calendar-download-result" />
      <Loaded resource={resource} loading={t('consultations.meetings.loading')} onRetry={reload} testId="calendar">
        {({ items }) =>
          items.length === 0 ? (
            <p className="card__empty">{t('consultations.meetings.empty')}</p>
          ) : (
            meetingsByMonth(items).map((group) => (
              <section
                key={group.month}
                className="card"
                aria-labelledby={`month-${group.month}`}
                data-testid="calendar-month"
              >
                <h2 id={`month-${group.month}`} className="card__title">
                  {monthLabel(group.month)}
                </h2>
                <ul className="reason-list">
                  {group.meetings.map((meeting) => (
                    <li key={meeting.id}>
                      <time dateTime={meeting.startsAt}>{formatDateTime(meeting.startsAt, language)}</time>{' '}
                      <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>{' '}
                      <MeetingStatusBadge status={meeting.status} />
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )
        }
      </Loaded>
    </Frame>
  );
}
