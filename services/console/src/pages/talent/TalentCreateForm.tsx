import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeActionError, messagesFor, type ActionErrorView } from '../../api/action-error';
import { useSessionStore } from '../../auth/session-context';
import { createTalent } from '../../talent/talent-api';
import {
  EXPERT_FIELDS,
  TALENT_CATEGORIES,
  TALENT_SOURCES,
  type Talent,
  type TalentCategory,
  type TalentSource,
} from '../../talent/talent-types';
import { ActionErrorBanner } from '../ActionErrorBanner';
import { RadioGroup, SelectField, SubmitRow, TextField } from '../TextField';

/** Adds a person or a team to the pipeline (identified). Contact details go only to the talent service. */
export function TalentCreateForm({ onCreated }: { onCreated: (talent: Talent) => void }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const [kind, setKind] = useState<'person' | 'team'>('person');
  const [name, setName] = useState('');
  const [category, setCategory] = useState<TalentCategory>('leading_talent');
  const [fields, setFields] = useState<readonly string[]>([]);
  const [current, setCurrent] = useState('');
  const [target, setTarget] = useState('');
  const [targetCredit, setTargetCredit] = useState('');
  const [source, setSource] = useState<TalentSource>('referral');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionErrorView | undefined>();
  const [done, setDone] = useState('');

  const errorsOf = (id: string, path: string) => [
    ...(missing.includes(id) ? [t('inbox.form.required')] : []),
    ...messagesFor(error, path),
  ];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const empty = [
      ...(name.trim() ? [] : ['create-name']),
      ...(fields.length > 0 ? [] : ['create-fields']),
      ...(current.trim() ? [] : ['create-current']),
    ];
    setMissing(empty);
    setDone('');
    if (empty[0]) {
      document.getElementById(empty[0] === 'create-fields' ? `create-field-${EXPERT_FIELDS[0]}` : empty[0])?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const contact = {
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
      };
      const created = await createTalent(store, {
        kind,
        name: name.trim(),
        category,
        fields,
        currentOrganisation: { name: current.trim() },
        ...(target.trim()
          ? {
              targetOrganisation: {
                name: target.trim(),
                ...(targetCredit.trim() ? { creditCode: targetCredit.trim().toUpperCase() } : {}),
              },
            }
          : {}),
        source,
        ...(Object.keys(contact).length > 0 ? { contact } : {}),
      });
      onCreated(created);
      setName('');
      setFields([]);
      setCurrent('');
      setTarget('');
      setTargetCredit('');
      setPhone('');
      setEmail('');
      setDone(t('talent.create.created', { name: created.name }));
    } catch (caught) {
      setError(describeActionError(caught));
    } finally {
      setBusy(false);
    }
  };

  const fieldErrors = errorsOf('create-fields', 'fields');
  return (
    <details className="card talent-create" data-testid="talent-create">
      <summary className="card__title">{t('talent.create.title')}</summary>
      <form noValidate onSubmit={submit} data-testid="talent-create-form">
        {error && <ActionErrorBanner error={error} testId="talent-create-error" />}
        <RadioGroup
          name="create-kind"
          legend={t('talent.detail.kind')}
          options={(['person', 'team'] as const).map((value) => ({ value, label: t(`talent.kind.${value}`) }))}
          checked={kind}
          onChange={setKind}
          errors={[]}
        />
        <TextField
          id="create-name"
          label={t('talent.create.name')}
          errors={errorsOf('create-name', 'name')}
          value={name}
          onChange={setName}
          maxLength={100}
        />
        <SelectField
          id="create-category"
          label={t('talent.detail.category')}
          errors={messagesFor(error, 'category')}
          value={category}
          options={TALENT_CATEGORIES.map((value) => ({ value, label: t(`talent.category.${value}`) }))}
          onChange={setCategory}
        />
        <fieldset
          className="score-criterion"
          aria-describedby={fieldErrors.length > 0 ? 'create-fields-error' : undefined}
        >
          <legend className="field__label">{t('talent.detail.fields')}</legend>
          <div className="score-criterion__options">
            {EXPERT_FIELDS.map((field) => (
              <label key={field} className="score-criterion__option">
                <input
                  type="checkbox"
                  id={`create-field-${field}`}
                  data-testid={`create-field-${field}`}
                  checked={fields.includes(field)}
                  onChange={(event) =>
                    setFields((before) =>
                      event.target.checked ? [...before, field] : before.filter((name) => name !== field),
                    )
                  }
                />
                {t(`talent.field.${field}`)}
              </label>
            ))}
          </div>
          {fieldErrors.length > 0 && (
            <div id="create-fields-error" className="field__error" data-testid="create-fields-error">
              {fieldErrors.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          )}
        </fieldset>
        <TextField
          id="create-current"
          label={t('talent.detail.current')}
          errors={errorsOf('create-current', 'currentOrganisation.name')}
          value={current}
          onChange={setCurrent}
          maxLength={200}
        />
        <TextField
          id="create-target"
          label={t('talent.detail.target')}
          errors={messagesFor(error, 'targetOrganisation.name')}
          value={target}
          onChange={setTarget}
          maxLength={200}
        />
        <TextField
          id="create-target-credit"
          label={t('talent.create.targetCredit')}
          hint={t('talent.create.targetCreditHint')}
          errors={messagesFor(error, 'targetOrganisation.creditCode')}
          value={targetCredit}
          onChange={setTargetCredit}
          maxLength={18}
        />
        <SelectField
          id="create-source"
          label={t('talent.detail.source')}
          errors={messagesFor(error, 'source')}
          value={source}
          options={TALENT_SOURCES.map((value) => ({ value, label: t(`talent.source.${value}`) }))}
          onChange={setSource}
        />
        <p className="field__hint">{t('talent.create.contactNote')}</p>
        <TextField
          id="create-phone"
          label={t('talent.detail.phone')}
          errors={messagesFor(error, 'contact.phone')}
          value={phone}
          onChange={setPhone}
          maxLength={32}
        />
        <TextField
          id="create-email"
          label={t('talent.detail.email')}
          errors={messagesFor(error, 'contact.email')}
          value={email}
          onChange={setEmail}
          maxLength={200}
        />
        <SubmitRow busy={busy} label={t('talent.create.submit')} testId="create" done={done} />
      </form>
    </details>
  );
}
