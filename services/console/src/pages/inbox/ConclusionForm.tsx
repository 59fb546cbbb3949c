import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeActionError, messagesFor, type ActionErrorView } from '../../api/action-error';
import { useSessionStore } from '../../auth/session-context';
import { concludeReview } from '../../committee/committee-api';
import { CONCLUSIONS_BY_TYPE, type Review, type ReviewConclusion } from '../../committee/review-types';
import { PAGE_TITLE_ID } from '../../shell/AppShell';
import { ActionErrorBanner } from '../ActionErrorBanner';
import { RadioGroup, SubmitRow, TextField } from '../TextField';

/** The chair's conclusion, once every active member has scored: the conclusions allowed for the type. */
export function ConclusionForm({ review, onConcluded }: { review: Review; onConcluded: (review: Review) => void }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const allowed = CONCLUSIONS_BY_TYPE[review.type];
  const [conclusion, setConclusion] = useState<ReviewConclusion | undefined>();
  const [summary, setSummary] = useState('');
  const [conditions, setConditions] = useState('');
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionErrorView | undefined>();
  const withConditions = conclusion === 'approve_with_conditions';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const empty = [
      ...(conclusion ? [] : ['conclusion']),
      ...(summary.trim() === '' ? ['summary'] : []),
      ...(withConditions && conditions.trim() === '' ? ['conditions'] : []),
    ];
    setMissing(empty);
    if (empty[0]) {
      document
        .getElementById(empty[0] === 'conclusion' ? `conclusion-${allowed[0]}` : `conclusion-${empty[0]}`)
        ?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const concluded = await concludeReview(store, review.id, {
        conclusion: conclusion!,
        summary: summary.trim(),
        ...(withConditions ? { conditions: conditions.trim() } : {}),
      });
      onConcluded(concluded);
      document.getElementById(PAGE_TITLE_ID)?.focus();
    } catch (caught) {
      setError(describeActionError(caught));
    } finally {
      setBusy(false);
    }
  };

  const errorsOf = (name: string) => [
    ...(missing.includes(name) ? [t('inbox.form.required')] : []),
    ...messagesFor(error, name),
  ];
  return (
    <section className="card" aria-labelledby="conclusion-heading">
      <h2 id="conclusion-heading" className="card__title">
        {t('inbox.conclusion.formTitle')}
      </h2>
      <p className="card__lead">{t('inbox.conclusion.lead')}</p>
      <form noValidate onSubmit={submit} data-testid="conclusion-form">
        {error && <ActionErrorBanner error={error} testId="conclusion-error" />}
        <RadioGroup
          name="conclusion"
          legend={t('inbox.conclusion.conclusion')}
          options={allowed.map((option) => ({ value: option, label: t(`inbox.conclusions.${option}`) }))}
          checked={conclusion}
          onChange={(option) => {
            setConclusion(option);
            setMissing((before) => before.filter((name) => name !== 'conclusion'));
          }}
          errors={errorsOf('conclusion')}
        />
        <TextField
          id="conclusion-summary"
          label={t('inbox.conclusion.summary')}
          errors={errorsOf('summary')}
          value={summary}
          onChange={setSummary}
          rows={4}
          maxLength={4000}
        />
        {withConditions && (
          <TextField
            id="conclusion-conditions"
            label={t('inbox.conclusion.conditions')}
            errors={errorsOf('conditions')}
            value={conditions}
            onChange={setConditions}
            rows={3}
            maxLength={4000}
          />
        )}
        <SubmitRow busy={busy} label={t('inbox.conclusion.submit')} testId="conclusion" />
      </form>
    </section>
  );
}
