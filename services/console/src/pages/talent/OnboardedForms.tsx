import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeActionError, messagesFor, type ActionErrorView } from '../../api/action-error';
import { useSessionStore } from '../../auth/session-context';
import { linkTalent, recordFollowUp } from '../../talent/talent-api';
import type { Talent } from '../../talent/talent-types';
import { ActionErrorBanner } from '../ActionErrorBanner';
import { RadioGroup, SubmitRow, TextField } from '../TextField';

/** A whole number typed by a user, or undefined. */
const wholeNumber = (text: string) => (/^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : undefined);

function useAction(onDone: (talent: Talent) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionErrorView | undefined>();
  const [done, setDone] = useState('');
  const run = async (call: () => Promise<Talent>, message: string) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      onDone(await call());
      setDone(message);
    } catch (caught) {
      setError(describeActionError(caught));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run };
}

/** Links an onboarded talent to a key task (by code). */
export function LinkTaskForm({ talent, onLinked }: { talent: Talent; onLinked: (talent: Talent) => void }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error, done, run } = useAction(onLinked);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissing(code.trim() === '');
    if (code.trim() === '') {
      document.getElementById('link-task')?.focus();
      return;
    }
    void run(() => linkTalent(store, talent.id, { taskCode: code.trim() }), t('talent.links.linked', { code }));
  };
  return (
    <form noValidate onSubmit={submit} data-testid="link-form" aria-labelledby="link-heading" className="talent-form">
      <h3 id="link-heading" className="card__subtitle">
        {t('talent.links.title')}
      </h3>
      {error && <ActionErrorBanner error={error} testId="link-error" />}
      <TextField
        id="link-task"
        label={t('talent.links.task')}
        hint={t('talent.links.taskHint')}
        errors={[...(missing ? [t('inbox.form.required')] : []), ...messagesFor(error, 'taskCode')]}
        value={code}
        onChange={setCode}
        maxLength={32}
      />
      <SubmitRow busy={busy} label={t('talent.links.submit')} testId="link" done={done} />
    </form>
  );
}

/** The yearly follow-up of an onboarded talent: still in the city, patents, products, companies founded. */
export function FollowUpForm({ talent, onRecorded }: { talent: Talent; onRecorded: (talent: Talent) => void }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [stillInCity, setStillInCity] = useState<'yes' | 'no' | undefined>();
  const [counts, setCounts] = useState({ patents: '0', products: '0', companiesFounded: '0' });
  const [checked, setChecked] = useState(false);
  const { busy, error, done, run } = useAction(onRecorded);
  const yearValue = wholeNumber(year);
  const problems = {
    year: yearValue === undefined || yearValue < 2000 || yearValue > 2100,
    stillInCity: stillInCity === undefined,
    patents: wholeNumber(counts.patents) === undefined,
    products: wholeNumber(counts.products) === undefined,
    companiesFounded: wholeNumber(counts.companiesFounded) === undefined,
  };
  const errorsOf = (name: keyof typeof problems, message: string) => [
    ...(checked && problems[name] ? [message] : []),
    ...messagesFor(error, name),
  ];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    const first = (Object.keys(problems) as (keyof typeof problems)[]).find((name) => problems[name]);
    if (first) {
      document.getElementById(first === 'stillInCity' ? 'follow-up-city-yes' : `follow-up-${first}`)?.focus();
      return;
    }
    void run(
      () =>
        recordFollowUp(store, talent.id, {
          year: yearValue!,
          stillInCity: stillInCity === 'yes',
          patents: wholeNumber(counts.patents)!,
          products: wholeNumber(counts.products)!,
          companiesFounded: wholeNumber(counts.companiesFounded)!,
        }),
      t('talent.followUp.recorded', { year }),
    );
  };
  const count = (name: 'patents' | 'products' | 'companiesFounded', label: string) => (
    <TextField
      id={`follow-up-${name}`}
      label={label}
      errors={errorsOf(name, t('talent.followUp.wholeNumber'))}
      value={counts[name]}
      onChange={(value) => setCounts((before) => ({ ...before, [name]: value }))}
    />
  );
  return (
    <form
      noValidate
      onSubmit={submit}
      data-testid="follow-up-form"
      aria-labelledby="follow-up-heading"
      className="talent-form"
    >
      <h3 id="follow-up-heading" className="card__subtitle">
        {t('talent.followUp.title')}
      </h3>
      {error && <ActionErrorBanner error={error} testId="follow-up-error" />}
      <TextField
        id="follow-up-year"
        label={t('talent.detail.year')}
        errors={errorsOf('year', t('talent.followUp.yearInvalid'))}
        value={year}
        onChange={setYear}
      />
      <RadioGroup
        name="follow-up-city"
        legend={t('talent.detail.stillInCity')}
        options={[
          { value: 'yes' as const, label: t('talent.detail.yes') },
          { value: 'no' as const, label: t('talent.detail.no') },
        ]}
        checked={stillInCity}
        onChange={setStillInCity}
        errors={errorsOf('stillInCity', t('inbox.form.required'))}
      />
      {count('patents', t('talent.detail.patents'))}
      {count('products', t('talent.detail.products'))}
      {count('companiesFounded', t('talent.detail.companies'))}
      <SubmitRow busy={busy} label={t('talent.followUp.submit')} testId="follow-up" done={done} />
    </form>
  );
}
