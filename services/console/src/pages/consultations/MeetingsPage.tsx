import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProfile, useSessionStore } from '../../auth/session-context';
import { fetchMeetings } from '../../consultations/consultation-api';
import { formatDateTime } from '../../tasks/task-format';
import { DataTable } from '../common/DataTable';
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
            <DataTable
              id="meetings"
              caption={t('consultations.meetings.title')}
              testId="meetings-table"
              columns={[
                t('consultations.schedule.meetingTitle'),
                t('consultations.meetings.when'),
                t('consultations.meetings.place'),
                t('consultations.schedule.agenda'),
                t('funding.columns.status'),
              ]}
            >
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
            </DataTable>
          )
        }
      </Loaded>
    </Frame>
  );
}
