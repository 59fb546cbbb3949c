import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { Field } from './Field';

/**
 * A labelled text input or text area (`rows` given) with its hint and errors. The control's id is also its test
 * id, so browser tests and labels name the same thing.
 */
export function TextField({
  id,
  label,
  hint,
  errors,
  value,
  onChange,
  rows,
  maxLength,
}: {
  id: string;
  label: string;
  hint?: string;
  errors: readonly string[];
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
}) {
  const common = {
    id,
    maxLength,
    value,
    'aria-invalid': errors.length > 0,
    'data-testid': id,
  };
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      {(describedBy): ReactNode =>
        rows ? (
          <textarea
            {...common}
            className="field__input field__textarea"
            rows={rows}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : (
          <input
            {...common}
            className="field__input"
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </Field>
  );
}

export interface RadioOption<T extends string | number> {
  readonly value: T;
  readonly label: string;
}

/**
 * A group of radio buttons in a fieldset, its legend the question. Each input's id (and test id) is
 * `<name>-<value>`, so a form can move focus to the first one when nothing is chosen.
 */
export function RadioGroup<T extends string | number>({
  name,
  legend,
  options,
  checked,
  onChange,
  errors,
  testId,
}: {
  name: string;
  legend: ReactNode;
  options: readonly RadioOption<T>[];
  checked: T | undefined;
  onChange: (value: T) => void;
  errors: readonly string[];
  testId?: string;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset
      className="score-criterion"
      data-testid={testId}
      aria-describedby={errors.length > 0 ? errorId : undefined}
    >
      <legend className="field__label">{legend}</legend>
      <div className="score-criterion__options">
        {options.map((option) => (
          <label key={option.value} className="score-criterion__option">
            <input
              type="radio"
              id={`${name}-${option.value}`}
              name={name}
              value={option.value}
              checked={checked === option.value}
              aria-invalid={errors.length > 0}
              data-testid={`${name}-${option.value}`}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
      {errors.length > 0 && (
        <div id={errorId} className="field__error" data-testid={errorId}>
          {errors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** A labelled select; the control's id is also its test id. */
export function SelectField<T extends string>({
  id,
  label,
  errors,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  errors: readonly string[];
  value: T;
  options: readonly RadioOption<T>[];
  onChange: (value: T) => void;
}) {
  return (
    <Field id={id} label={label} errors={errors}>
      {(describedBy) => (
        <select
          id={id}
          className="field__input field__select"
          aria-describedby={describedBy}
          data-testid={id}
          value={value}
          onChange={(event) => onChange(event.target.value as T)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A form's submit button (its words change while sending) and, when given, the polite status line under it. */
export function SubmitRow({
  busy,
  label,
  testId,
  done,
}: {
  busy: boolean;
  label: string;
  /** `<testId>-submit` and `<testId>-message`. */
  testId: string;
  done?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="button-row">
        <button type="submit" className="button button--primary" aria-disabled={busy} data-testid={`${testId}-submit`}>
          {busy ? t('inbox.form.sending') : label}
        </button>
      </div>
      {done !== undefined && (
        <p role="status" className="status-message" data-testid={`${testId}-message`}>
          {done}
        </p>
      )}
    </>
  );
}
