import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProfile, useSessionStore } from '../../auth/session-context';
import {
  adoptResolution,
  advanceMeeting,
  completeResolution,
  fetchMeeting,
  fetchResolutions,
  holdMeeting,
} from '../../consultations/consultation-api';
import { isMeetingStatus, type MeetingView, type ResolutionView } from '../../consultations/consultation-types';
import { agendaRecordIds, resolutionRequest, type ResolutionDraft } from '../../consultations/meeting-form';
import { formatDateTime, unitName } from '../../tasks/task-format';
import { ActionFeedback } from '../common/ActionFeedback';
import { Actor } from '../common/Actor';
import { DataTable } from '../common/DataTable';
import { Fact } from '../common/Fact';
import { Frame } from '../common/Frame';
import { Loaded } from '../common/Loaded';
import { useAction, type ActionHandle } from '../common/use-action';
import { Field } from '../Field';
import { NoValue } from '../tasks/NoValue';
import { ReasonDialog } from '../tasks/ReasonDialog';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { useUnits, type UnitIndex } from '../tasks/use-units';
import { MeetingStatusBadge } from './ConsultationBadges';
import { ResolutionList } from './ResolutionList';

function MeetingFacts({ meeting, units }: { meeting: MeetingView; units: UnitIndex | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const meetingStatus = (status: string) =>
    isMeetingStatus(status) ? t(`consultations.meetingStatus.${status}`) : status;
  return (
    <section className="card" aria-labelledby="meeting-facts-heading">
      <h2 id="meeting-facts-heading" className="card__title">
        {t('consultations.meeting.facts')}
      </h2>
      <dl className="facts">
        <Fact label={t('consultations.meeting.when')} testId="meeting-when">
          {formatDateTime(meeting.startsAt, language)} ·{' '}
          {t('consultations.meeting.duration', { minutes: meeting.durationMinutes })}
        </Fact>
        <Fact label={t('consultations.schedule.kind')}>
          {t(`consultations.meetingKind.${meeting.kind}`)}
          {meeting.series ? ` · ${meeting.series}` : ''}
        </Fact>
        <Fact label={t('consultations.schedule.place')}>{meeting.place ?? <NoValue />}</Fact>
        <Fact label={t('consultations.schedule.link')}>
          {meeting.link ? <a href={meeting.link}>{meeting.link}</a> : <NoValue />}
        </Fact>
      </dl>
      <h3 className="card__subtitle">{t('consultations.meeting.agenda')}</h3>
      <ol data-testid="meeting-agenda">
        {meeting.agenda.map((item, index) => (
          <li key={index} data-testid="meeting-agenda-item">
            {item.recordId ? <Link to={`/consultations/${item.recordId}`}>{item.title}</Link> : item.title}
          </li>
        ))}
      </ol>
      <h3 className="card__subtitle">{t('consultations.meeting.participants')}</h3>
      <DataTable
        id="meeting-participants"
        caption={t('consultations.meeting.participantsCaption')}
        testId="meeting-participants"
        columns={[
          t('consultations.schedule.name'),
          t('consultations.schedule.participantKind'),
          t('consultations.schedule.organisation'),
          t('consultations.schedule.creditCode'),
          t('consultations.meeting.attendance'),
        ]}
      >
        {meeting.participants.map((participant, index) => (
          <tr key={index} data-testid="meeting-participant">
            <th scope="row">{participant.name}</th>
            <td>{t(`consultations.participantKind.${participant.kind}` as 'consultations.participantKind.unit')}</td>
            <td>
              {participant.unitId
                ? unitName(units, participant.unitId, language)
                : (participant.organisation ?? <NoValue />)}
            </td>
            <td>{participant.creditCode ?? <NoValue />}</td>
            <td data-testid="meeting-participant-present" data-present={String(participant.present)}>
              {participant.present === undefined
                ? t('consultations.meeting.notRecorded')
                : participant.present
                  ? t('consultations.meeting.present')
                  : t('consultations.meeting.absent')}
            </td>
          </tr>
        ))}
      </DataTable>
      <h3 className="card__subtitle">{t('consultations.meeting.minutes')}</h3>
      {meeting.minutes ? (
        <p className="prose" data-testid="meeting-minutes">
          {meeting.minutes}
        </p>
      ) : (
        <p className="card__empty">{t('consultations.meeting.noMinutes')}</p>
      )}
      {meeting.history.length > 0 && (
        <>
          <h3 className="card__subtitle">{t('consultations.meeting.history')}</h3>
          <ul className="reason-list" data-testid="meeting-history">
            {meeting.history.map((entry, index) => (
              <li key={index}>
                <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time> · <Actor by={entry.by} /> ·{' '}
                {meetingStatus(entry.from)} → {meetingStatus(entry.to)}
              </li>
            ))}
          </ul>
        </>
      )}
      {meeting.minutesApprovedBy && (
        <p>
          {t('consultations.meeting.approvedBy', { by: '' })}
          <Actor by={meeting.minutesApprovedBy} />
        </p>
      )}
    </section>
  );
}

/** Who attended (by position in the participant list) and the minutes. */
function HoldForm({
  meeting,
  action,
  onHeld,
}: {
  meeting: MeetingView;
  action: ActionHandle;
  onHeld: (meeting: MeetingView) => void;
}) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [present, setPresent] = useState<readonly number[]>(() => meeting.participants.map((_, i) => i));
  const [minutes, setMinutes] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (action.busy) return;
    if (!minutes.trim()) {
      setMissing(true);
      document.getElementById('hold-minutes')?.focus();
      return;
    }
    setMissing(false);
    const held = await action.run(
      () =>
        holdMeeting(
          store,
          meeting.id,
          [...present].sort((a, b) => a - b),
          minutes.trim(),
        ),
      () => t('consultations.meeting.held'),
    );
    if (held) onHeld(held);
  };
  return (
    <form noValidate onSubmit={(event) => void submit(event)} data-testid="hold-form">
      <h3 className="card__subtitle">{t('consultations.meeting.hold')}</h3>
      <p className="card__lead">{t('consultations.meeting.holdIntro')}</p>
      <fieldset className="field">
        <legend className="field__label">{t('consultations.meeting.attendance')}</legend>
        <ul className="report-form__milestones">
          {meeting.participants.map((participant, index) => (
            <li key={index} className="report-form__check">
              <input
                type="checkbox"
                className="checkbox"
                id={`hold-present-${index}`}
                data-testid={`hold-present-${index}`}
                checked={present.includes(index)}
                onChange={(event) =>
                  setPresent(event.target.checked ? [...present, index] : present.filter((i) => i !== index))
                }
              />
              <label htmlFor={`hold-present-${index}`}>{participant.name}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Field
        id="hold-minutes"
        label={t('consultations.meeting.minutesField')}
        errors={missing ? [t('consultations.schedule.required')] : []}
      >
        {(describedBy) => (
          <textarea
            id="hold-minutes"
            className="field__input field__textarea"
            rows={8}
            maxLength={50_000}
            value={minutes}
            aria-describedby={describedBy}
            aria-invalid={missing}
            data-testid="hold-minutes"
            onChange={(event) => setMinutes(event.target.value)}
          />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button--primary" data-testid="hold-submit" aria-disabled={action.busy}>
          {action.busy ? t('actions.sending') : t('consultations.meeting.holdSubmit')}
        </button>
      </div>
    </form>
  );
}

const EMPTY_RESOLUTION: ResolutionDraft = { text: '', ownerUnitId: '', deadline: '', recordId: '', followUpTitle: '' };

/** A resolution of a held meeting: text, owner unit, deadline, the record it is about, and an optional follow-up task. */
function ResolutionForm({
  meeting,
  units,
  action,
  onAdopted,
}: {
  meeting: MeetingView;
  units: UnitIndex | undefined;
  action: ActionHandle;
  onAdopted: (resolution: ResolutionView) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const recordIds = agendaRecordIds(meeting);
  const [draft, setDraft] = useState<ResolutionDraft>({ ...EMPTY_RESOLUTION, recordId: recordIds[0] ?? '' });
  const [missing, setMissing] = useState<readonly string[]>([]);
  const errors = (field: string) => (missing.includes(field) ? [t('consultations.schedule.required')] : []);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (action.busy) return;
    const absent = (['text', 'ownerUnitId', 'deadline'] as const).filter((field) => !draft[field].trim());
    setMissing(absent);
    if (absent[0]) {
      document.getElementById(`resolution-${absent[0]}`)?.focus();
      return;
    }
    const adopted = await action.run(
      () => adoptResolution(store, meeting.id, resolutionRequest(draft)),
      (resolution) =>
        resolution.followUpTaskCode
          ? t('consultations.resolution.addedWithTask', { code: resolution.followUpTaskCode })
          : t('consultations.resolution.added'),
    );
    if (adopted) {
      setDraft({ ...EMPTY_RESOLUTION, recordId: draft.recordId });
      onAdopted(adopted);
    }
  };
  const input = (field: 'text' | 'deadline' | 'followUpTitle', label: string, type = 'text', hint?: string) => (
    <Field id={`resolution-${field}`} label={label} hint={hint} errors={errors(field)}>
      {(describedBy) => (
        <input
          id={`resolution-${field}`}
          type={type}
          className="field__input"
          value={draft[field]}
          aria-describedby={describedBy}
          aria-invalid={errors(field).length > 0}
          data-testid={`resolution-${field}`}
          onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
        />
      )}
    </Field>
  );
  return (
    <form noValidate onSubmit={(event) => void submit(event)} data-testid="resolution-form">
      <h3 className="card__subtitle">{t('consultations.resolution.add')}</h3>
      {input('text', t('consultations.resolution.text'))}
      <Field id="resolution-ownerUnitId" label={t('consultations.resolution.owner')} errors={errors('ownerUnitId')}>
        {(describedBy) => (
          <select
            id="resolution-ownerUnitId"
            className="field__select"
            value={draft.ownerUnitId}
            aria-describedby={describedBy}
            data-testid="resolution-owner"
            onChange={(event) => setDraft({ ...draft, ownerUnitId: event.target.value })}
          >
            <option value="">{t('consultations.schedule.chooseUnit')}</option>
            {[...(units?.values() ?? [])].map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unitName(units, unit.id, language)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {input('deadline', t('consultations.resolution.deadline'), 'date')}
      <div className="field">
        <label htmlFor="resolution-record" className="field__label">
          {t('consultations.resolution.record')}
        </label>
        <select
          id="resolution-record"
          className="field__select"
          value={draft.recordId}
          data-testid="resolution-record"
          onChange={(event) => setDraft({ ...draft, recordId: event.target.value })}
        >
          <option value="">{t('consultations.resolution.noRecord')}</option>
          {recordIds.map((id) => (
            <option key={id} value={id}>
              {meeting.agenda.find((item) => item.recordId === id)?.title ?? id}
            </option>
          ))}
        </select>
      </div>
      {input(
        'followUpTitle',
        t('consultations.resolution.followUp'),
        'text',
        t('consultations.resolution.followUpHint'),
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          data-testid="resolution-submit"
          aria-disabled={action.busy}
        >
          {action.busy ? t('actions.sending') : t('consultations.resolution.add')}
        </button>
      </div>
    </form>
  );
}

/** `#/meetings/:id`: a meeting, and for the secretariat its steps: hold, approve the minutes, close, resolutions. */
export function MeetingPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { id = '' } = useParams();
  const store = useSessionStore();
  const units = useUnits();
  const { user, permissions } = useProfile();
  const manage = permissions.includes('consultations.manage');
  const action = useAction();
  const [completing, setCompleting] = useState<ResolutionView | undefined>();
  const { resource, reload } = useResource(id, async (signal) => {
    const [meeting, resolutions] = await Promise.all([
      fetchMeeting(store, id, signal),
      fetchResolutions(store, { meetingId: id }, signal),
    ]);
    return { meeting, resolutions };
  });
  const heading = resource.status === 'loaded' ? resource.data.meeting.title : t('consultations.meetings.title');
  const mayComplete = (resolution: ResolutionView) =>
    manage || (permissions.includes('tasks.report') && resolution.ownerUnitId === user.unitId);

  const advance = async (step: 'approve-minutes' | 'close') => {
    if (action.busy) return;
    const done = await action.run(
      () => advanceMeeting(store, id, step),
      () => (step === 'close' ? t('consultations.meeting.closed') : t('consultations.meeting.minutesApproved')),
    );
    if (done) reload();
  };

  return (
    <Frame heading={heading} back={{ to: '/meetings', label: t('consultations.meeting.back') }} testId="meeting-page">
      <Loaded
        resource={resource}
        loading={t('consultations.meeting.loading')}
        notFound={t('consultations.meeting.notFound')}
        onRetry={reload}
        testId="meeting"
      >
        {({ meeting, resolutions }) => {
          const adopting = manage && (meeting.status === 'held' || meeting.status === 'minutes_approved');
          return (
            <div className="task-detail__body" data-testid="meeting-detail">
              <div className="task-detail__meta">
                <MeetingStatusBadge status={meeting.status} testId="meeting-status" />
              </div>
              {manage && meeting.status !== 'closed' && (
                <section className="card task-moves" aria-labelledby="meeting-actions-heading">
                  <h2 id="meeting-actions-heading" className="card__title">
                    {t('funding.allocation.actions')}
                  </h2>
                  {meeting.status === 'scheduled' &&
                    (Date.parse(meeting.startsAt) <= Date.now() ? (
                      <HoldForm key={meeting.version} meeting={meeting} action={action} onHeld={() => reload()} />
                    ) : (
                      <p className="card__lead" data-testid="hold-not-yet">
                        {t('consultations.meeting.holdNotYet', { at: formatDateTime(meeting.startsAt, language) })}
                      </p>
                    ))}
                  {meeting.status === 'held' && (
                    <div className="button-row">
                      <button
                        type="button"
                        className="button button--primary"
                        data-testid="meeting-approve-minutes"
                        aria-disabled={action.busy}
                        onClick={() => void advance('approve-minutes')}
                      >
                        {t('consultations.meeting.approveMinutes')}
                      </button>
                    </div>
                  )}
                  {meeting.status === 'minutes_approved' && (
                    <div className="button-row">
                      <button
                        type="button"
                        className="button"
                        data-testid="meeting-close"
                        aria-disabled={action.busy}
                        onClick={() => void advance('close')}
                      >
                        {t('consultations.meeting.close')}
                      </button>
                    </div>
                  )}
                </section>
              )}
              <ActionFeedback action={action} onReload={reload} testId="meeting-action" />
              <MeetingFacts meeting={meeting} units={units} />
              <section className="card" aria-labelledby="meeting-resolutions-heading">
                <h2 id="meeting-resolutions-heading" className="card__title">
                  {t('consultations.meeting.resolutions')}
                </h2>
                {resolutions.length === 0 ? (
                  <p className="card__empty">{t('consultations.meeting.noResolutions')}</p>
                ) : (
                  <ResolutionList
                    resolutions={resolutions}
                    units={units}
                    onDone={setCompleting}
                    mayComplete={mayComplete}
                  />
                )}
                {adopting && (
                  <ResolutionForm meeting={meeting} units={units} action={action} onAdopted={() => reload()} />
                )}
              </section>
              {completing && (
                <ReasonDialog
                  title={t('consultations.resolution.doneTitle')}
                  prompt={t('consultations.resolution.donePrompt')}
                  fieldLabel={t('consultations.resolution.doneNote')}
                  submitLabel={t('consultations.resolution.markDone')}
                  busy={action.busy}
                  serverErrors={action.error?.reasonErrors ?? []}
                  onCancel={() => setCompleting(undefined)}
                  onConfirm={(note) =>
                    void action
                      .run(
                        () => completeResolution(store, completing.id, note),
                        () => t('consultations.resolution.doneMessage'),
                      )
                      .then((done) => {
                        setCompleting(undefined);
                        if (done) reload();
                      })
                  }
                  fallbackFocusId="meeting-resolutions-heading"
                />
              )}
            </div>
          );
        }}
      </Loaded>
    </Frame>
  );
}
