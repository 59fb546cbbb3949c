import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { fieldName, type FieldError } from '../../api/problem';
import { useSessionStore } from '../../auth/session-context';
import { submitReport } from '../../reports/report-api';
import {
  fieldMessages,
  initialReportForm,
  reportRequest,
  type ReportFormField,
  type ReportFormState,
} from '../../reports/report-form';
import type { ReportView } from '../../reports/report-types';
import { describeMoveError, type MoveErrorView } from '../../tasks/task-errors';
import { formatDate } from '../../tasks/task-format';
import type { TaskDetail } from '../../tasks/task-types';
import { Field } from '../Field';
import { useLanguage } from '../tasks/use-language';

const HEADING_ID = 'report-form-heading';

interface Failure {
  readonly view: MoveErrorView;
  readonly errors: readonly FieldError[];
}

function failureOf(caught: unknown): Failure {
  const errors = isApiError(caught) && caught.problem ? caught.problem.errors : [];
  return { view: describeMoveError(caught), errors: errors.map((e) => ({ ...e, path: fieldName(e.path) })) };
}

export interface ReportFormProps {
  readonly task: TaskDetail;
  /** The signed-in user's unit leads the task (its report sets progress and milestones). */
  readonly lead: boolean;
  readonly period: string;
  /** The unit's report the office returned, to rework. */
  readonly returned?: ReportView;
  /** This period's report of the unit is in (and not returned): a second one would be refused. */
  readonly alreadySubmitted: boolean;
  readonly onSubmitted: (report: ReportView) => void;
}

/**
 * A unit's monthly progress report on a task. Checked here for what is plainly missing; anything the server refuses
 * is shown next to the form, with its explanation and under the field it concerns.
 */
export function ReportForm({ task, lead, period, returned, alreadySubmitted, onSubmitted }: ReportFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const store = useSessionStore();
  const [form, setForm] = useState<ReportFormState>(() => initialReportForm(period, returned));
  const [invalid, setInvalid] = useState<readonly ReportFormField[]>([]);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [busy, setBusy] = useState(false);
  const openMilestones = task.milestones.filter((m) => !m.done);

  const change = (patch: Partial<ReportFormState>) => setForm((before) => ({ ...before, ...patch }));
  const errorsOf = (field: ReportFormField | 'problems' | 'coordinationRequests' | 'milestoneUpdates') => [
    ...(invalid.includes(field as ReportFormField) ? [t(`reports.form.invalid.${field as ReportFormField}`)] : []),
    ...fieldMessages(failure?.errors ?? [], field),
  ];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const mapped = reportRequest(form, lead);
    setFailure(undefined);
    if (!mapped.ok) {
      setInvalid(mapped.invalid);
      document.getElementById(`report-${mapped.invalid[0]}`)?.focus();
      return;
    }
    setInvalid([]);
    setBusy(true);
    try {
      const report = await submitReport(store, task.code, mapped.request);
      setForm(initialReportForm(form.period));
      onSubmitted(report);
    } catch (caught) {
      setFailure(failureOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={HEADING_ID} data-testid="report-form">
      <h2 id={HEADING_ID} className="card__title">
        {t('reports.form.title')}
      </h2>
      <p className="card__lead">{t(lead ? 'reports.form.introLead' : 'reports.form.introCo')}</p>
      {alreadySubmitted && !returned && (
        <p className="card__note" data-testid="report-already-submitted">
          {t('reports.form.alreadySubmitted', { period })}
        </p>
      )}
      {returned && (
        <div className="banner banner--warning" data-testid="report-returned">
          <p className="banner__title">{t('reports.form.returnedTitle', { period: returned.period })}</p>
          <p>{t('reports.form.returnedComment', { comment: returned.returnComment ?? '' })}</p>
        </div>
      )}
      <form noValidate onSubmit={(event) => void submit(event)} className="report-form">
        <Field
          id="report-period"
          label={t('reports.form.period')}
          hint={t('reports.form.periodHint')}
          errors={errorsOf('period')}
        >
          {(describedBy) => (
            <input
              id="report-period"
              className="field__input"
              inputMode="numeric"
              required
              aria-invalid={errorsOf('period').length > 0}
              aria-describedby={describedBy}
              data-testid="report-period"
              value={form.period}
              onChange={(event) => change({ period: event.target.value })}
            />
          )}
        </Field>
        <Field
          id="report-narrative"
          label={t('reports.form.narrative')}
          hint={t('reports.form.narrativeHint')}
          errors={errorsOf('narrative')}
        >
          {(describedBy) => (
            <textarea
              id="report-narrative"
              className="field__input field__textarea"
              rows={5}
              maxLength={20_000}
              required
              aria-invalid={errorsOf('narrative').length > 0}
              aria-describedby={describedBy}
              data-testid="report-narrative"
              value={form.narrative}
              onChange={(event) => change({ narrative: event.target.value })}
            />
          )}
        </Field>
        <Field
          id="report-progress"
          label={t('reports.form.progress')}
          hint={t('reports.form.progressHint')}
          errors={errorsOf('progress')}
        >
          {(describedBy) => (
            <input
              id="report-progress"
              className="field__input field__number"
              type="number"
              min={0}
              max={100}
              step={1}
              required
              aria-invalid={errorsOf('progress').length > 0}
              aria-describedby={describedBy}
              data-testid="report-progress"
              value={form.progress}
              onChange={(event) => change({ progress: event.target.value })}
            />
          )}
        </Field>
        {lead && openMilestones.length > 0 && (
          <fieldset className="field report-form__milestones" data-testid="report-milestones">
            <legend className="field__label">{t('reports.form.milestones')}</legend>
            <p className="field__hint">{t('reports.form.milestonesHint')}</p>
            {openMilestones.map((milestone, index) => {
              const checked = milestone.title in form.milestonesDone;
              const id = `report-milestone-${index}`;
              return (
                <div key={milestone.title} className="report-form__milestone">
                  <label htmlFor={id} className="report-form__check">
                    <input
                      id={id}
                      type="checkbox"
                      className="checkbox"
                      data-testid={id}
                      checked={checked}
                      onChange={(event) => {
                        const next = { ...form.milestonesDone };
                        if (event.target.checked) next[milestone.title] = '';
                        else delete next[milestone.title];
                        change({ milestonesDone: next });
                      }}
                    />
                    {t('reports.form.milestoneLabel', {
                      title: milestone.title,
                      due: formatDate(milestone.dueDate, language),
                    })}
                  </label>
                  {checked && (
                    <div className="field">
                      <label htmlFor={`${id}-evidence`} className="field__label">
                        {t('reports.form.evidence', { title: milestone.title })}
                      </label>
                      <input
                        id={`${id}-evidence`}
                        className="field__input"
                        maxLength={2000}
                        data-testid={`${id}-evidence`}
                        value={form.milestonesDone[milestone.title] ?? ''}
                        onChange={(event) =>
                          change({ milestonesDone: { ...form.milestonesDone, [milestone.title]: event.target.value } })
                        }
                      />
                    </div>
                  )}
                </div>
              );
            })}
            {errorsOf('milestoneUpdates').length > 0 && (
              <div className="field__error">
                {errorsOf('milestoneUpdates').map((message) => (
                  <p key={message}>{message}</p>
                ))}
              </div>
            )}
          </fieldset>
        )}
        <Field
          id="report-problems"
          label={t('reports.form.problems')}
          hint={t('reports.form.optional')}
          errors={errorsOf('problems')}
        >
          {(describedBy) => (
            <textarea
              id="report-problems"
              className="field__input field__textarea"
              rows={3}
              maxLength={5000}
              aria-describedby={describedBy}
              data-testid="report-problems"
              value={form.problems}
              onChange={(event) => change({ problems: event.target.value })}
            />
          )}
        </Field>
        <Field
          id="report-coordination"
          label={t('reports.form.coordination')}
          hint={t('reports.form.optional')}
          errors={errorsOf('coordinationRequests')}
        >
          {(describedBy) => (
            <textarea
              id="report-coordination"
              className="field__input field__textarea"
              rows={3}
              maxLength={5000}
              aria-describedby={describedBy}
              data-testid="report-coordination"
              value={form.coordinationRequests}
              onChange={(event) => change({ coordinationRequests: event.target.value })}
            />
          )}
        </Field>
        <div role="alert">
          {failure && (
            <div className="banner banner--error" data-testid="report-error">
              <p className="banner__title">{t(failure.view.summary, failure.view.summaryValues)}</p>
              {failure.view.detail && <p data-testid="report-error-detail">{failure.view.detail}</p>}
              {failure.errors.length > 0 && (
                <ul>
                  {failure.errors.map((e) => (
                    <li key={`${e.path}:${e.message}`}>{e.path ? `${e.path}: ${e.message}` : e.message}</li>
                  ))}
                </ul>
              )}
              {failure.view.requestId && (
                <p className="banner__meta">{t('common.requestId', { id: failure.view.requestId })}</p>
              )}
            </div>
          )}
        </div>
        <div className="button-row button-row--tight">
          <button type="submit" className="button button--primary" aria-disabled={busy} data-testid="report-submit">
            {busy ? t('reports.form.sending') : t(returned ? 'reports.form.resubmit' : 'reports.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
