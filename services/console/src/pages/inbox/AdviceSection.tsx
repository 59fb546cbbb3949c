import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeActionError, messagesFor, type ActionErrorView } from '../../api/action-error';
import { useProfile, useSessionStore } from '../../auth/session-context';
import { fetchAdvice, recordAdvice } from '../../committee/committee-api';
import { SUBJECT_KINDS, type Advice, type SubjectKind } from '../../committee/review-types';
import { formatDateTime } from '../../tasks/task-format';
import { ActionErrorBanner } from '../ActionErrorBanner';
import { SelectField, SubmitRow, TextField } from '../TextField';
import { ResourceFailed } from '../tasks/LoadFailed';
import { useLanguage } from '../tasks/use-language';
import { useResource } from '../tasks/use-resource';

/** Recommendations typed one per line: the non-empty lines. */
export function recommendationLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function AdviceList({ items }: { items: readonly Advice[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (items.length === 0) return <p className="card__empty">{t('inbox.advice.none')}</p>;
  return (
    <ul className="advice-list" data-testid="advice-list">
      {items.map((advice) => (
        <li key={advice.id} className="advice-list__item" data-testid="advice-item">
          <h3 className="card__subtitle">{advice.title}</h3>
          <p className="data-table__note">
            {t(`inbox.subject.${advice.subject.kind}`)} · {advice.subject.ref} ·{' '}
            {formatDateTime(advice.recordedAt, language)}
          </p>
          <p className="prose">{advice.text}</p>
          {advice.recommendations.length > 0 && (
            <ol className="inline-list">
              {advice.recommendations.map((r) => (
                <li key={r.index}>{r.text}</li>
              ))}
            </ol>
          )}
        </li>
      ))}
    </ul>
  );
}

function AdviceForm({ onRecorded }: { onRecorded: (advice: Advice) => void }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [kind, setKind] = useState<SubjectKind>('task');
  const [ref, setRef] = useState('');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [recommendations, setRecommendations] = useState('');
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionErrorView | undefined>();
  const [done, setDone] = useState('');
  const formRef = useRef<HTMLFormElement>(null);

  const errorsOf = (name: string, path = name) => [
    ...(missing.includes(name) ? [t('inbox.form.required')] : []),
    ...messagesFor(error, path),
  ];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const empty = [
      ['advice-ref', ref],
      ['advice-title', title],
      ['advice-text', text],
    ].flatMap(([id, value]) => (value!.trim() === '' ? [id!] : []));
    setMissing(empty);
    setDone('');
    if (empty.length > 0) {
      formRef.current?.querySelector<HTMLElement>(`#${empty[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const advice = await recordAdvice(store, {
        subject: { kind, ref: ref.trim() },
        title: title.trim(),
        text: text.trim(),
        recommendations: recommendationLines(recommendations),
      });
      onRecorded(advice);
      setRef('');
      setTitle('');
      setText('');
      setRecommendations('');
      setDone(t('inbox.advice.recorded', { title: advice.title }));
    } catch (caught) {
      setError(describeActionError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} noValidate onSubmit={submit} data-testid="advice-form" aria-labelledby="advice-form-heading">
      <h3 id="advice-form-heading" className="card__subtitle">
        {t('inbox.advice.formTitle')}
      </h3>
      {error && <ActionErrorBanner error={error} testId="advice-error" />}
      <SelectField
        id="advice-kind"
        label={t('inbox.advice.subjectKind')}
        errors={messagesFor(error, 'subject.kind')}
        value={kind}
        options={SUBJECT_KINDS.map((value) => ({ value, label: t(`inbox.subject.${value}`) }))}
        onChange={setKind}
      />
      <TextField
        id="advice-ref"
        label={t('inbox.advice.subjectRef')}
        hint={t('inbox.advice.subjectRefHint')}
        errors={errorsOf('advice-ref', 'subject.ref')}
        value={ref}
        onChange={setRef}
        maxLength={200}
      />
      <TextField
        id="advice-title"
        label={t('inbox.advice.title')}
        errors={errorsOf('advice-title', 'title')}
        value={title}
        onChange={setTitle}
        maxLength={500}
      />
      <TextField
        id="advice-text"
        label={t('inbox.advice.text')}
        errors={errorsOf('advice-text', 'text')}
        value={text}
        onChange={setText}
        rows={5}
      />
      <TextField
        id="advice-recommendations"
        label={t('inbox.advice.recommendations')}
        hint={t('inbox.advice.recommendationsHint')}
        errors={messagesFor(error, 'recommendations')}
        value={recommendations}
        onChange={setRecommendations}
        rows={4}
      />
      <SubmitRow busy={busy} label={t('inbox.advice.submit')} testId="advice" done={done} />
    </form>
  );
}

/** The expert's own advice (what they recorded) and the form to record more. */
export function AdviceSection() {
  const { t } = useTranslation();
  const store = useSessionStore();
  const { user } = useProfile();
  const { resource, reload, replace } = useResource('advice', (signal) => fetchAdvice(store, signal));
  const mine = resource.status === 'loaded' ? resource.data.filter((a) => a.recordedBy === user.id) : [];
  return (
    <section className="card" aria-labelledby="inbox-advice-heading" data-testid="inbox-advice">
      <h2 id="inbox-advice-heading" className="card__title">
        {t('inbox.advice.heading')}
      </h2>
      <ResourceFailed resource={resource} onRetry={reload} testId="advice-load-error" />
      {resource.status === 'loaded' && <AdviceList items={mine} />}
      <AdviceForm onRecorded={(advice) => replace([advice, ...(resource.status === 'loaded' ? resource.data : [])])} />
    </section>
  );
}
