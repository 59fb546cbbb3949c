import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { fetchRecords, scheduleMeeting } from '../../consultations/consultation-api';
import { PARTICIPANT_KINDS, type ParticipantKind } from '../../consultations/consultation-types';
import {
  buildAgenda,
  emptyScheduleDraft,
  EMPTY_PARTICIPANT,
  scheduleProblems,
  scheduleRequest,
  withProposedParticipants,
  type ParticipantDraft,
  type ScheduleDraft,
  type ScheduleProblem,
} from '../../consultations/meeting-form';
import type { MessageKey } from '../../i18n/message-key';
import { unitName } from '../../tasks/task-format';
import { ActionFeedback } from '../common/ActionFeedback';
import { Frame } from '../common/Frame';
import { Loaded } from '../common/Loaded';
import { useAction } from '../common/use-action';
import { Field } from '../Field';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';
import { useUnits } from '../tasks/use-units';
import { ConsultationTabs } from './ConsultationTabs';

type TextField = 'title' | 'series' | 'date' | 'time' | 'durationMinutes' | 'place' | 'link';

const PROBLEM_MESSAGE: Record<string, MessageKey> = {
  required: 'consultations.schedule.required',
  duration: 'consultations.schedule.invalid.duration',
  place: 'consultations.schedule.invalid.placeOrLink',
  link: 'consultations.schedule.invalid.link',
  agenda: 'consultations.schedule.invalid.agenda',
  participants: 'consultations.schedule.invalid.participants',
  name: 'consultations.schedule.invalid.name',
  creditCode: 'consultations.schedule.invalid.creditCode',
};

/** The control each problem belongs to (its id), and its message. */
function problemTarget(problem: ScheduleProblem): { id: string; message: MessageKey } {
  if (problem.field === 'participant') {
    return {
      id: `participant-${problem.index}-${problem.problem === 'name' ? 'name' : 'credit-code'}`,
      message: PROBLEM_MESSAGE[problem.problem]!,
    };
  }
  const id = { duration: 'meeting-duration', agenda: 'meeting-agenda', participants: 'participant-add' }[
    problem.field as string
  ];
  const key =
    problem.problem === 'required' && ['title', 'date', 'time'].includes(problem.field) ? 'required' : problem.field;
  return { id: id ?? `meeting-${problem.field}`, message: PROBLEM_MESSAGE[key]! };
}

/** `#/meetings/new`: the secretariat schedules a meeting, its agenda drawn from open records (`?record=` preselects one). */
export function ScheduleMeetingPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const units = useUnits();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const preselected = search.get('record');
  const [draft, setDraft] = useState<ScheduleDraft>(() => emptyScheduleDraft(preselected ? [preselected] : []));
  const [problems, setProblems] = useState<ScheduleProblem[]>([]);
  const action = useAction();
  const { resource, reload } = useResource('open-records', (signal) => fetchRecords(store, { status: 'open' }, signal));
  const records = resource.status === 'loaded' ? resource.data.items : [];

  const errorsFor = (id: string) =>
    problems.map(problemTarget).flatMap((target) => (target.id === id ? [t(target.message)] : []));
  const set = (key: TextField) => (value: string) => setDraft({ ...draft, [key]: value });
  const setParticipant = (index: number, change: Partial<ParticipantDraft>) =>
    setDraft({
      ...draft,
      participants: draft.participants.map((p, i) => (i === index ? { ...p, ...change } : p)),
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (action.busy) return;
    const agenda = buildAgenda(records, draft.recordIds, draft.otherItems);
    const found = scheduleProblems(draft, agenda);
    setProblems(found);
    const first = found[0];
    if (first) {
      document.getElementById(problemTarget(first).id)?.focus();
      return;
    }
    const meeting = await action.run(
      () => scheduleMeeting(store, scheduleRequest(draft, agenda)),
      () => t('consultations.schedule.done'),
    );
    if (meeting) void navigate(`/meetings/${meeting.id}`);
  };

  const text = (key: TextField, id: string, label: string, type = 'text', hint?: string) => (
    <Field id={id} label={label} hint={hint} errors={errorsFor(id)}>
      {(describedBy) => (
        <input
          id={id}
          type={type}
          className="field__input"
          value={draft[key]}
          aria-describedby={describedBy}
          aria-invalid={errorsFor(id).length > 0}
          data-testid={id}
          onChange={(event) => set(key)(event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <Frame heading={t('consultations.schedule.title')} testId="schedule-page">
      <ConsultationTabs />
      <p className="page-intro">{t('consultations.schedule.intro')}</p>
      <form className="card" noValidate onSubmit={(event) => void submit(event)} data-testid="schedule-form">
        {text('title', 'meeting-title', t('consultations.schedule.meetingTitle'))}
        <div className="field">
          <label htmlFor="meeting-kind" className="field__label">
            {t('consultations.schedule.kind')}
          </label>
          <select
            id="meeting-kind"
            className="field__select"
            value={draft.kind}
            onChange={(event) => setDraft({ ...draft, kind: event.target.value as ScheduleDraft['kind'] })}
          >
            <option value="regular">{t('consultations.meetingKind.regular')}</option>
            <option value="ad_hoc">{t('consultations.meetingKind.ad_hoc')}</option>
          </select>
        </div>
        {text(
          'series',
          'meeting-series',
          t('consultations.schedule.series'),
          'text',
          t('consultations.schedule.optional'),
        )}
        {text('date', 'meeting-date', t('consultations.schedule.date'), 'date')}
        {text('time', 'meeting-time', t('consultations.schedule.time'), 'time')}
        {text('durationMinutes', 'meeting-duration', t('consultations.schedule.duration'), 'number')}
        {text('place', 'meeting-place', t('consultations.schedule.place'))}
        {text('link', 'meeting-link', t('consultations.schedule.link'), 'url', t('consultations.schedule.optional'))}

        <fieldset
          className="field"
          aria-describedby={errorsFor('meeting-agenda').length > 0 ? 'meeting-agenda-error' : undefined}
        >
          <legend className="field__label">{t('consultations.schedule.agenda')}</legend>
          <p className="field__hint">{t('consultations.schedule.openRecords')}</p>
          <Loaded
            resource={resource}
            loading={t('consultations.board.loading')}
            onRetry={reload}
            testId="schedule-records"
          >
            {({ items }) =>
              items.length === 0 ? (
                <p className="card__empty">{t('consultations.schedule.noOpenRecords')}</p>
              ) : (
                <ul className="report-form__milestones" id="meeting-agenda" tabIndex={-1}>
                  {items.map((record) => (
                    <li key={record.id} className="report-form__check">
                      <input
                        type="checkbox"
                        className="checkbox"
                        id={`agenda-record-${record.id}`}
                        data-testid="agenda-record"
                        data-task={record.taskCode}
                        checked={draft.recordIds.includes(record.id)}
                        onChange={(event) =>
                          setDraft({
                            ...draft,
                            recordIds: event.target.checked
                              ? [...draft.recordIds, record.id]
                              : draft.recordIds.filter((id) => id !== record.id),
                          })
                        }
                      />
                      <label htmlFor={`agenda-record-${record.id}`}>
                        <span className="task-code">{record.taskCode}</span> {record.taskTitle} ·{' '}
                        {t(`consultations.type.${record.type}`)}
                      </label>
                    </li>
                  ))}
                </ul>
              )
            }
          </Loaded>
          <Field id="meeting-other-items" label={t('consultations.schedule.otherItems')} errors={[]}>
            {(describedBy) => (
              <textarea
                id="meeting-other-items"
                className="field__input field__textarea"
                rows={3}
                value={draft.otherItems}
                aria-describedby={describedBy}
                data-testid="meeting-other-items"
                onChange={(event) => setDraft({ ...draft, otherItems: event.target.value })}
              />
            )}
          </Field>
          {errorsFor('meeting-agenda').length > 0 && (
            <div id="meeting-agenda-error" className="field__error" data-testid="meeting-agenda-error">
              <p>{errorsFor('meeting-agenda')[0]}</p>
            </div>
          )}
        </fieldset>

        <fieldset className="field">
          <legend className="field__label">{t('consultations.schedule.participants')}</legend>
          {draft.participants.map((participant, index) => (
            <fieldset key={index} className="panel" data-testid="participant">
              <legend>{t('consultations.schedule.participantN', { n: index + 1 })}</legend>
              <div className="field">
                <label htmlFor={`participant-${index}-kind`} className="field__label">
                  {t('consultations.schedule.participantKind')}
                </label>
                <select
                  id={`participant-${index}-kind`}
                  className="field__select"
                  value={participant.kind}
                  data-testid={`participant-${index}-kind`}
                  onChange={(event) => setParticipant(index, { kind: event.target.value as ParticipantKind })}
                >
                  {PARTICIPANT_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`consultations.participantKind.${kind}`)}
                    </option>
                  ))}
                </select>
              </div>
              <Field
                id={`participant-${index}-name`}
                label={t('consultations.schedule.name')}
                errors={errorsFor(`participant-${index}-name`)}
              >
                {(describedBy) => (
                  <input
                    id={`participant-${index}-name`}
                    className="field__input"
                    value={participant.name}
                    aria-describedby={describedBy}
                    data-testid={`participant-${index}-name`}
                    onChange={(event) => setParticipant(index, { name: event.target.value })}
                  />
                )}
              </Field>
              {participant.kind === 'unit' ? (
                <div className="field">
                  <label htmlFor={`participant-${index}-unit`} className="field__label">
                    {t('consultations.schedule.unitId')}
                  </label>
                  <select
                    id={`participant-${index}-unit`}
                    className="field__select"
                    value={participant.unitId}
                    data-testid={`participant-${index}-unit`}
                    onChange={(event) => {
                      const unitId = event.target.value;
                      setParticipant(index, {
                        unitId,
                        name: participant.name || (unitId ? unitName(units, unitId, language) : ''),
                      });
                    }}
                  >
                    <option value="">{t('consultations.schedule.chooseUnit')}</option>
                    {[...(units?.values() ?? [])].map((unit) => (
                      <option key={unit.id} value={unit.id}>
                        {unitName(units, unit.id, language)}
                      </option>
                    ))}
                  </select>
                </div>
              ) : (
                <>
                  <Field
                    id={`participant-${index}-organisation`}
                    label={t('consultations.schedule.organisation')}
                    hint={t('consultations.schedule.optional')}
                    errors={[]}
                  >
                    {(describedBy) => (
                      <input
                        id={`participant-${index}-organisation`}
                        className="field__input"
                        value={participant.organisation}
                        aria-describedby={describedBy}
                        data-testid={`participant-${index}-organisation`}
                        onChange={(event) => setParticipant(index, { organisation: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field
                    id={`participant-${index}-credit-code`}
                    label={t('consultations.schedule.creditCode')}
                    hint={t('consultations.schedule.optional')}
                    errors={errorsFor(`participant-${index}-credit-code`)}
                  >
                    {(describedBy) => (
                      <input
                        id={`participant-${index}-credit-code`}
                        className="field__input"
                        value={participant.creditCode}
                        maxLength={18}
                        aria-describedby={describedBy}
                        data-testid={`participant-${index}-credit-code`}
                        onChange={(event) => setParticipant(index, { creditCode: event.target.value })}
                      />
                    )}
                  </Field>
                </>
              )}
              <button
                type="button"
                className="button button--quiet"
                data-testid={`participant-${index}-remove`}
                onClick={() => setDraft({ ...draft, participants: draft.participants.filter((_, i) => i !== index) })}
              >
                {t('consultations.schedule.removeParticipant', { n: index + 1 })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="button"
            data-testid="participant-add-proposed"
            disabled={draft.recordIds.length === 0}
            onClick={() =>
              setDraft({
                ...draft,
                participants: withProposedParticipants(draft.participants, records, draft.recordIds),
              })
            }
          >
            {t('consultations.schedule.addProposed')}
          </button>{' '}
          <button
            type="button"
            id="participant-add"
            className="button"
            data-testid="participant-add"
            onClick={() => setDraft({ ...draft, participants: [...draft.participants, EMPTY_PARTICIPANT] })}
          >
            {t('consultations.schedule.addParticipant')}
          </button>
          {errorsFor('participant-add').length > 0 && <p className="field__error">{errorsFor('participant-add')[0]}</p>}
        </fieldset>

        <ActionFeedback action={action} onReload={reload} testId="schedule-result" />
        <div className="button-row">
          <button
            type="submit"
            className="button button--primary"
            data-testid="schedule-submit"
            aria-disabled={action.busy}
          >
            {action.busy ? t('actions.sending') : t('consultations.schedule.submit')}
          </button>
        </div>
      </form>
    </Frame>
  );
}
