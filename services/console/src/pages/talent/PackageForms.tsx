import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeActionError, messagesFor, type ActionErrorView } from '../../api/action-error';
import { useSessionStore } from '../../auth/session-context';
import { decidePackage, offerPackage } from '../../talent/talent-api';
import {
  PACKAGE_TERM_KINDS,
  formatFen,
  parseYuanToFen,
  type PackageTermKind,
  type Talent,
} from '../../talent/talent-types';
import { ActionErrorBanner } from '../ActionErrorBanner';
import { RadioGroup, SelectField, SubmitRow, TextField } from '../TextField';

interface TermDraft {
  readonly kind: PackageTermKind;
  readonly description: string;
  /** Yuan as typed; empty for a term without money. */
  readonly amount: string;
}

const EMPTY_TERM: TermDraft = { kind: 'research_funding', description: '', amount: '' };

/** What is wrong with the typed terms, per term index: a missing description or an unreadable amount. */
export function termProblems(terms: readonly TermDraft[]): Record<number, 'description' | 'amount'> {
  const problems: Record<number, 'description' | 'amount'> = {};
  terms.forEach((term, index) => {
    if (term.description.trim() === '') problems[index] = 'description';
    else if (term.amount.trim() !== '' && parseYuanToFen(term.amount) === undefined) problems[index] = 'amount';
  });
  return problems;
}

/** Offer (or re-offer) a support package: terms with optional money, conditions, and the programme asked to pay. */
export function PackageOfferForm({ talent, onOffered }: { talent: Talent; onOffered: (talent: Talent) => void }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [terms, setTerms] = useState<TermDraft[]>([EMPTY_TERM]);
  const [conditions, setConditions] = useState('');
  const [programmeId, setProgrammeId] = useState('');
  const [year, setYear] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionErrorView | undefined>();
  const [done, setDone] = useState('');
  const problems = checked ? termProblems(terms) : {};
  const total = terms.reduce((sum, term) => sum + (parseYuanToFen(term.amount) ?? 0), 0);

  const update = (index: number, change: Partial<TermDraft>) =>
    setTerms((before) => before.map((term, i) => (i === index ? { ...term, ...change } : term)));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setChecked(true);
    setDone('');
    const found = Object.keys(termProblems(terms));
    if (found.length > 0) {
      document.getElementById(`offer-term-${found[0]}-description`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const offered = await offerPackage(store, talent.id, {
        terms: terms.map((term) => {
          const amount = parseYuanToFen(term.amount);
          return { kind: term.kind, description: term.description.trim(), ...(amount ? { amount } : {}) };
        }),
        ...(conditions.trim() ? { conditions: conditions.trim() } : {}),
        ...(programmeId.trim() ? { programmeId: programmeId.trim() } : {}),
        ...(year.trim() ? { year: Number(year) } : {}),
      });
      onOffered(offered);
      setDone(t('talent.package.offered'));
    } catch (caught) {
      setError(describeActionError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={submit} data-testid="offer-form" aria-labelledby="offer-heading" className="talent-form">
      <h3 id="offer-heading" className="card__subtitle">
        {talent.package ? t('talent.package.reoffer') : t('talent.package.offer')}
      </h3>
      {error && <ActionErrorBanner error={error} testId="offer-error" />}
      {terms.map((term, index) => (
        <fieldset key={index} className="score-criterion" data-testid={`offer-term-${index}`}>
          <legend className="field__label">{t('talent.package.termN', { n: index + 1 })}</legend>
          <SelectField
            id={`offer-term-${index}-kind`}
            label={t('talent.package.termKind')}
            errors={[]}
            value={term.kind}
            options={PACKAGE_TERM_KINDS.map((value) => ({ value, label: t(`talent.package.kinds.${value}`) }))}
            onChange={(kind) => update(index, { kind })}
          />
          <TextField
            id={`offer-term-${index}-description`}
            label={t('talent.package.termDescription')}
            errors={[
              ...(problems[index] === 'description' ? [t('inbox.form.required')] : []),
              ...messagesFor(error, `terms.${index}.description`),
            ]}
            value={term.description}
            onChange={(description) => update(index, { description })}
            maxLength={500}
          />
          <TextField
            id={`offer-term-${index}-amount`}
            label={t('talent.package.termAmountYuan')}
            hint={t('talent.package.amountHint')}
            errors={[
              ...(problems[index] === 'amount' ? [t('talent.package.amountInvalid')] : []),
              ...messagesFor(error, `terms.${index}.amount`),
            ]}
            value={term.amount}
            onChange={(amount) => update(index, { amount })}
          />
          {terms.length > 1 && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setTerms((before) => before.filter((_, i) => i !== index))}
            >
              {t('talent.package.removeTerm', { n: index + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      <div className="button-row button-row--tight">
        <button type="button" className="button" onClick={() => setTerms((before) => [...before, EMPTY_TERM])}>
          {t('talent.package.addTerm')}
        </button>
      </div>
      <p data-testid="offer-total">{t('talent.package.total', { amount: formatFen(total) })}</p>
      <TextField
        id="offer-conditions"
        label={t('talent.package.conditions')}
        errors={messagesFor(error, 'conditions')}
        value={conditions}
        onChange={setConditions}
        rows={3}
        maxLength={2000}
      />
      <TextField
        id="offer-programme"
        label={t('talent.package.programme')}
        hint={t('talent.package.programmeHint')}
        errors={messagesFor(error, 'programmeId')}
        value={programmeId}
        onChange={setProgrammeId}
      />
      <TextField
        id="offer-year"
        label={t('talent.package.year')}
        errors={messagesFor(error, 'year')}
        value={year}
        onChange={setYear}
      />
      <SubmitRow busy={busy} label={t('talent.package.offerSubmit')} testId="offer" done={done} />
    </form>
  );
}

/** The talent's answer to the package on the table: accepted or declined, with an optional note. */
export function PackageDecisionForm({ talent, onDecided }: { talent: Talent; onDecided: (talent: Talent) => void }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [choice, setChoice] = useState<'accept' | 'decline' | undefined>();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionErrorView | undefined>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setMissing(!choice);
    if (!choice) {
      document.getElementById('decision-accept')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDecided(await decidePackage(store, talent.id, choice === 'accept', note.trim() || undefined));
    } catch (caught) {
      setError(describeActionError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={submit}
      data-testid="decision-form"
      aria-labelledby="decision-heading"
      className="talent-form"
    >
      <h3 id="decision-heading" className="card__subtitle">
        {t('talent.package.decision')}
      </h3>
      {error && <ActionErrorBanner error={error} testId="decision-error" />}
      <RadioGroup
        name="decision"
        legend={t('talent.package.decisionQuestion')}
        options={[
          { value: 'accept' as const, label: t('talent.package.accept') },
          { value: 'decline' as const, label: t('talent.package.decline') },
        ]}
        checked={choice}
        onChange={(value) => {
          setChoice(value);
          setMissing(false);
        }}
        errors={missing ? [t('inbox.form.required')] : []}
      />
      <TextField
        id="decision-note"
        label={t('talent.package.note')}
        errors={messagesFor(error, 'note')}
        value={note}
        onChange={setNote}
        rows={2}
        maxLength={2000}
      />
      <SubmitRow busy={busy} label={t('talent.package.decisionSubmit')} testId="decision" />
    </form>
  );
}
