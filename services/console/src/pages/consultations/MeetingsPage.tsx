import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProfile, useSessionStore } from '../../auth/session-context';
import { fetchMeetings } from '../../consultations/consultation-api';
import { formatDateTime } from '../../tasks/task-format';
import { Frame } from '../common/Frame';
import { Loaded } from '../common/Loaded';
import { NoValue } from '../tasks/NoValue';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { MeetingStatusBadge } from './ConsultationBadges';
import { ConsultationTabs } from './ConsultationTabs';

/** `#/meetings`: every consultation meeting the user may see, by start time; the secretariat schedules new ones. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const { permissions } = useProfile();
  const { resource, reload } = useResource('meetings', (signal) => fetchMeetings(store, {}, signal));
  return (
    <Frame heading={t('consultations.meetings.title')} testId="meetings-page">
      <ConsultationTabs />
      <p className="page-intro">{t('consultations.meetings.intro')}</p>
      {permissions.includes('consultations.manage') && (
        <div className="button-row">
          <Link to="/meetings/new" className="button button--primary" data-testid="meeting-schedule-link">
            {t('consultations.meetings.schedule')}
          </Link>
        </div>
      )}
      <Loaded resource={resource} loading={t('consultations.meetings.loading')} onRetry={reload} testId="meetings">
        {({ items }) =>
          items.length === 0 ? (
            <p className="card__empty">{t('consultations.meetings.empty')}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="meetings-caption" tabIndex={0}>
              <table className="data-table" data-testid="meetings-table">
                <caption id="meetings-caption" className="visually-hidden">
                  {t('consultations.meetings.title')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('consultations.schedule.meetingTitle')}</th>
                    <th scope="col">{t('consultations.meetings.when')}</th>
                    <th scope="col">{t('consultations.meetings.place')}</th>
                    <th scope="col">{t('consultations.schedule.agenda')}</th>
                    <th scope="col">{t('funding.columns.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((meeting) => (
                    <tr key={meeting.id} data-testid="meeting-row">
                      <th scope="row">
                        <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>
                        <span className="data-table__note">{t(`consultations.meetingKind.${meeting.kind}`)}</span>
                      </th>
                      <td className="data-table__nowrap">{formatDateTime(meeting.startsAt, language)}</td>
                      <td>{meeting.place ?? meeting.link ?? <NoValue />}</td>
                      <td>{t('consultations.meetings.agendaCount', { count: meeting.agenda.length })}</td>
                      <td>
                        <MeetingStatusBadge status={meeting.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </Frame>
  );
}
