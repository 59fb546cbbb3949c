import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/session-context';
import { importPlan, planYear, type ImportChange, type ImportResult } from '../../plans/plan-api';
import { unitNames } from '../../tasks/task-format';
import { useLanguage } from '../tasks/use-language';
import { useUnits } from '../tasks/use-units';
import { usePageTitle } from '../../shell/use-page-title';
import { chinaToday } from '../../tasks/due-state';
import { describeMoveError, type MoveErrorView } from '../../tasks/task-errors';
import { Field } from '../Field';
import { PageHeading } from '../PageHeading';
import { MoveError } from '../tasks/MoveError';
import { PlanState } from './PlanState';

const MAX_TEXT = 500_000;

function CodeList({ codes, testId }: { codes: readonly string[]; testId: string }) {
  return (
    <ul className="inline-list" data-testid={testId}>
      {codes.map((code) => (
        <li key={code}>
          <Link to={`/tasks/${code}`}>{code}</Link>
        </li>
      ))}
    </ul>
  );
}

/** Tasks the text now describes differently: what it says, against what is stored; nothing was changed. */
function ChangedTasks({ changed }: { changed: readonly ImportChange[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const units = useUnits();
  const value = (field: ImportChange['changes'][number]['field'], v: string | readonly string[] | undefined) => {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) return t('import.result.none');
    return typeof v === 'string' ? v : unitNames(units, v, language);
  };
  return (
    <div className="banner banner--warning" data-testid="import-changed">
      <p className="banner__title">{t('import.result.changed', { count: changed.length })}</p>
      <ul>
        {changed.map((task) => (
          <li key={task.code} data-testid="import-changed-task">
            <Link to={`/tasks/${task.code}`}>{task.code}</Link>
            <ul>
              {task.changes.map((c) => (
                <li key={c.field}>
                  {t('import.result.changedField', {
                    field: t(`import.field.${c.field}`),
                    from: value(c.field, c.from),
                    to: value(c.field, c.to),
                  })}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ImportOutcome({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="import-result-heading" data-testid="import-result">
      <h2 id="import-result-heading" className="card__title" tabIndex={-1}>
        {t('import.result.title', { title: result.title, year: result.year })}
      </h2>
      <p data-testid="import-created-count">{t('import.result.created', { count: result.created.length })}</p>
      {result.created.length > 0 && <CodeList codes={result.created} testId="import-created" />}
      <p data-testid="import-unchanged-count">{t('import.result.unchanged', { count: result.unchanged.length })}</p>
      {result.unchanged.length > 0 && <CodeList codes={result.unchanged} testId="import-unchanged" />}
      {result.changed.length > 0 && <ChangedTasks changed={result.changed} />}
      <p>{t('import.result.targets', { count: result.targets })}</p>
      {result.unknownUnits.length > 0 ? (
        <div className="banner banner--warning" data-testid="import-unknown-units">
          <p className="banner__title">{t('import.result.unknownUnits', { count: result.unknownUnits.length })}</p>
          <ul>
            {result.unknownUnits.map((unit) => (
              <li key={`${unit.taskCode}-${unit.name}`}>{t('import.result.unknownUnit', unit)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p>{t('import.result.allUnitsKnown')}</p>
      )}
    </section>
  );
}

/**
 * `#/import`: the office pastes (or loads from a .txt file) a policy text and imports it as a year's draft work plan,
 * sees what was created, then publishes the plan after confirming.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const store = useSessionStore();
  usePageTitle(t('import.title'));
  const [yearText, setYearText] = useState(() => chinaToday(new Date()).slice(0, 4));
  const [text, setText] = useState('');
  const [fileNote, setFileNote] = useState('');
  const [invalid, setInvalid] = useState<readonly ('year' | 'text')[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | undefined>();
  const [error, setError] = useState<MoveErrorView | undefined>();
  const [planVersion, setPlanVersion] = useState(0);
  const resultRef = useRef<HTMLDivElement>(null);
  const year = planYear(yearText);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const problems = [...(year === undefined ? (['year'] as const) : []), ...(text.trim() ? [] : (['text'] as const))];
    setInvalid(problems);
    if (problems.length > 0 || year === undefined) {
      document.getElementById(`import-${problems[0] ?? 'year'}`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await importPlan(store, year, text));
      setPlanVersion((n) => n + 1);
      setTimeout(() => resultRef.current?.querySelector<HTMLElement>('h2')?.focus(), 0);
    } catch (caught) {
      setError(describeMoveError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading>{t('import.title')}</PageHeading>
      <p className="page-intro">{t('import.intro')}</p>
      <p className="back-link">
        <Link to="/board">
          <span aria-hidden="true">← </span>
          {t('import.back')}
        </Link>
      </p>
      <section className="card" aria-labelledby="import-form-heading">
        <h2 id="import-form-heading" className="card__title">
          {t('import.form.title')}
        </h2>
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Field
            id="import-year"
            label={t('import.form.year')}
            errors={invalid.includes('year') ? [t('import.form.yearInvalid')] : []}
          >
            {(describedBy) => (
              <input
                id="import-year"
                className="field__input field__number"
                inputMode="numeric"
                aria-invalid={invalid.includes('year')}
                aria-describedby={describedBy}
                data-testid="import-year"
                value={yearText}
                onChange={(event) => setYearText(event.target.value)}
              />
            )}
          </Field>
          <div className="field">
            <label htmlFor="import-file" className="field__label">
              {t('import.form.file')}
            </label>
            <input
              id="import-file"
              type="file"
              accept=".txt,text/plain"
              aria-describedby="import-file-note"
              data-testid="import-file"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (!file) return;
                void file.text().then(
                  (content) => {
                    setText(content.slice(0, MAX_TEXT));
                    setFileNote(t('import.form.fileLoaded', { name: file.name }));
                  },
                  () => setFileNote(t('import.form.fileUnreadable', { name: file.name })),
                );
              }}
            />
            <p id="import-file-note" className="field__hint" role="status">
              {fileNote || t('import.form.fileHint')}
            </p>
          </div>
          <Field
            id="import-text"
            label={t('import.form.text')}
            errors={invalid.includes('text') ? [t('import.form.textMissing')] : []}
          >
            {(describedBy) => (
              <textarea
                id="import-text"
                className="field__input field__textarea"
                rows={12}
                maxLength={MAX_TEXT}
                aria-invalid={invalid.includes('text')}
                aria-describedby={describedBy}
                data-testid="import-text"
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            )}
          </Field>
          <div role="alert">{error && <MoveError error={error} onReload={() => setError(undefined)} />}</div>
          <div className="button-row button-row--tight">
            <button type="submit" className="button button--primary" aria-disabled={busy} data-testid="import-submit">
              {busy ? t('import.form.sending') : t('import.form.submit')}
            </button>
          </div>
        </form>
      </section>
      <div ref={resultRef}>{result && <ImportOutcome result={result} />}</div>
      {year !== undefined && <PlanState key={`${year}-${planVersion}`} year={year} />}
    </>
  );
}
