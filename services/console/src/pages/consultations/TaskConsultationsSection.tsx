import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { fetchMeeting, fetchRecords, fetchResolutions } from '../../consultations/consultation-api';
import { formatDateTime } from '../../tasks/task-format';
import { Loaded } from '../common/Loaded';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import type { UnitIndex } from '../tasks/use-units';
import { RecordStatusBadge } from './ConsultationBadges';
import { MeetingLinks } from './MeetingLinks';
import { ResolutionList } from './ResolutionList';

/** The consultation records about the task, each with its suggested agenda, its meetings and its resolutions. */
export function TaskConsultationsSection({
  taskCode,
  version,
  units,
}: {
  taskCode: string;
  version: number;
  units: UnitIndex | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const { resource, reload } = useResource(`${taskCode}@${version}`, async (signal) => {
    const records = (await fetchRecords(store, { taskCode }, signal)).items;
    return Promise.all(
      records.map(async (record) => {
        const [meetings, resolutions] = await Promise.all([
          Promise.all(record.meetingIds.map((id) => fetchMeeting(store, id, signal))),
          record.resolutionIds.length > 0 ? fetchResolutions(store, { recordId: record.id }, signal) : [],
        ]);
        return { record, meetings, resolutions };
      }),
    );
  });
  return (
    <section className="card" aria-labelledby="task-consultations-heading" data-testid="task-consultations">
      <h2 id="task-consultations-heading" className="card__title">
        {t('consultations.task.heading')}
      </h2>
      <Loaded
        resource={resource}
        loading={t('consultations.task.loading')}
        onRetry={reload}
        testId="task-consultations"
      >
        {(entries) =>
          entries.length === 0 ? (
            <p className="card__empty">{t('consultations.task.empty')}</p>
          ) : (
            <ul className="timeline">
              {entries.map(({ record, meetings, resolutions }) => (
                <li key={record.id} className="timeline__entry" data-testid="task-consultation" data-type={record.type}>
                  <p className="timeline__head">
                    <Link to={`/consultations/${record.id}`} className="timeline__what">
                      {t(`consultations.type.${record.type}`)}
                    </Link>{' '}
                    <RecordStatusBadge status={record.status} testId="task-consultation-status" />{' '}
                    <time dateTime={record.openedAt}>{formatDateTime(record.openedAt, language)}</time>
                  </p>
                  <p className="timeline__text">
                    {t('consultations.record.reason')}: {record.reason}
                  </p>
                  {record.suggestedAgenda.length > 0 && (
                    <>
                      <p className="timeline__text">{t('consultations.record.suggestedAgenda')}:</p>
                      <ul>
                        {record.suggestedAgenda.map((point) => (
                          <li key={point}>{point}</li>
                        ))}
                      </ul>
                    </>
                  )}
                  {meetings.length > 0 && <MeetingLinks meetings={meetings} />}
                  {resolutions.length > 0 && <ResolutionList resolutions={resolutions} units={units} />}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
