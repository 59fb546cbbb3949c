import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProfile, useSessionStore } from '../../auth/session-context';
import { closeRecord, fetchMeeting, fetchRecord, fetchResolutions } from '../../consultations/consultation-api';
import { formatDateTime, unitNames } from '../../tasks/task-format';
import { ActionFeedback } from '../common/ActionFeedback';
import { Fact } from '../common/Fact';
import { Frame } from '../common/Frame';
import { Loaded } from '../common/Loaded';
import { useAction } from '../common/use-action';
import { ReasonDialog } from '../tasks/ReasonDialog';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { useUnits } from '../tasks/use-units';
import { RecordStatusBadge } from './ConsultationBadges';
import { MeetingLinks } from './MeetingLinks';
import { ResolutionList } from './ResolutionList';

/** `#/consultations/:id`: one record, why it was opened, its suggested agenda, meetings and resolutions. */
export function ConsultationRecordPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { id = '' } = useParams();
  const store = useSessionStore();
  const units = useUnits();
  const { permissions } = useProfile();
  const manage = permissions.includes('consultations.manage');
  const action = useAction();
  const [closing, setClosing] = useState(false);
  const { resource, reload } = useResource(id, async (signal) => {
    const record = await fetchRecord(store, id, signal);
    const [meetings, resolutions] = await Promise.all([
      Promise.all(record.meetingIds.map((meetingId) => fetchMeeting(store, meetingId, signal))),
      fetchResolutions(store, { recordId: record.id }, signal),
    ]);
    return { record, meetings, resolutions };
  });
  const heading =
    resource.status === 'loaded'
      ? `${t(`consultations.type.${resource.data.record.type}`)} · ${resource.data.record.taskTitle}`
      : t('consultations.record.title');
  return (
    <Frame
      heading={heading}
      back={{ to: '/consultations', label: t('consultations.record.back') }}
      testId="consultation-page"
    >
      <Loaded
        resource={resource}
        loading={t('consultations.record.loading')}
        notFound={t('consultations.record.notFound')}
        onRetry={reload}
        testId="consultation"
      >
        {({ record, meetings, resolutions }) => (
          <div className="task-detail__body" data-testid="consultation-detail">
            <div className="task-detail__meta">
              <RecordStatusBadge status={record.status} testId="consultation-status" />
            </div>
            {manage && record.status !== 'closed' && (
              <section className="card task-moves" aria-labelledby="consultation-actions-heading">
                <h2 id="consultation-actions-heading" className="card__title">
                  {t('funding.allocation.actions')}
                </h2>
                <div className="button-row">
                  <Link
                    to={`/meetings/new?record=${encodeURIComponent(record.id)}`}
                    className="button button--primary"
                    data-testid="consultation-schedule"
                  >
                    {t('consultations.record.scheduleFor')}
                  </Link>
                  <button
                    type="button"
                    className="button"
                    data-testid="consultation-close"
                    onClick={() => setClosing(true)}
                  >
                    {t('consultations.record.close')}
                  </button>
                </div>
                <ActionFeedback action={action} onReload={reload} testId="consultation-action" />
              </section>
            )}
            <section className="card" aria-labelledby="consultation-facts-heading">
              <h2 id="consultation-facts-heading" className="card__title">
                {t('tasks.detail.facts')}
              </h2>
              <dl className="facts">
                <Fact label={t('consultations.record.task')} wide>
                  <Link to={`/tasks/${record.taskCode}`}>
                    <span className="task-code">{record.taskCode}</span> {record.taskTitle}
                  </Link>
                </Fact>
                <Fact label={t('consultations.record.reason')} wide testId="consultation-reason">
                  {record.reason}
                </Fact>
                <Fact label={t('tasks.detail.leadUnits')}>{unitNames(units, record.leadUnitIds, language)}</Fact>
                <Fact label={t('consultations.record.opened')}>{formatDateTime(record.openedAt, language)}</Fact>
                <Fact label={t('consultations.record.trigger')}>{record.trigger.eventType}</Fact>
              </dl>
              {record.closedAt && (
                <p>
                  {t('consultations.record.closed', {
                    at: formatDateTime(record.closedAt, language),
                    reason: record.closeReason ?? '',
                  })}
                </p>
              )}
              <h3 className="card__subtitle">{t('consultations.record.suggestedAgenda')}</h3>
              <ul data-testid="consultation-agenda">
                {record.suggestedAgenda.map((point) => (
                  <li key={point}>{point}</li>
                ))}
              </ul>
            </section>
            <section className="card" aria-labelledby="consultation-meetings-heading">
              <h2 id="consultation-meetings-heading" className="card__title">
                {t('consultations.record.meetings')}
              </h2>
              {meetings.length === 0 ? (
                <p className="card__empty">{t('consultations.record.noMeetings')}</p>
              ) : (
                <MeetingLinks meetings={meetings} />
              )}
            </section>
            <section className="card" aria-labelledby="consultation-resolutions-heading">
              <h2 id="consultation-resolutions-heading" className="card__title">
                {t('consultations.record.resolutions')}
              </h2>
              {resolutions.length === 0 ? (
                <p className="card__empty">{t('consultations.record.noResolutions')}</p>
              ) : (
                <ResolutionList resolutions={resolutions} units={units} />
              )}
            </section>
            {closing && (
              <ReasonDialog
                title={t('consultations.record.closeTitle')}
                prompt={t('consultations.record.closePrompt')}
                submitLabel={t('consultations.record.close')}
                busy={action.busy}
                serverErrors={action.error?.reasonErrors ?? []}
                onCancel={() => setClosing(false)}
                onConfirm={(reason) =>
                  void action
                    .run(
                      () => closeRecord(store, record.id, reason),
                      () => t('consultations.record.closedDone'),
                    )
                    .then((closed) => {
                      setClosing(false);
                      if (closed) reload();
                    })
                }
                fallbackFocusId="consultation-facts-heading"
              />
            )}
          </div>
        )}
      </Loaded>
    </Frame>
  );
}
