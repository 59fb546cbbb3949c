import { useEffect, useRef, useState, type ComponentPropsWithRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../auth/session-context';
import type { SignedOutReason } from '../auth/session-store';
import { describeSignInError, type SignInErrorView, type SignInField } from '../auth/sign-in-errors';
import { durationMessage } from '../i18n/duration';
import type { MessageKey } from '../i18n/message-key';
import { PublicLayout } from '../shell/PublicLayout';
import { usePageTitle } from '../shell/use-page-title';

const REASON_MESSAGES: Partial<Record<SignedOutReason, MessageKey>> = {
  expired: 'session.expired',
  'signed-out': 'session.signedOut',
  'signed-out-locally': 'session.signOutIncomplete',
};

type FieldMessages = Partial<Record<SignInField, readonly string[]>>;

/** Seconds left until `until` (ms since epoch), ticking once a second while positive. */
function useSecondsUntil(until: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [until]);
  return until === undefined ? 0 : Math.max(0, Math.ceil((until - now) / 1_000));
}

export function SignInPage({ reason }: { reason: SignedOutReason }) {
  const { t } = useTranslation();
  const store = useSessionStore();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [requiredErrors, setRequiredErrors] = useState<Partial<Record<SignInField, MessageKey>>>({});
  const [failure, setFailure] = useState<SignInErrorView | undefined>();
  const [lockedUntil, setLockedUntil] = useState<number | undefined>();
  const lockSecondsLeft = useSecondsUntil(lockedUntil);
  const locked = lockSecondsLeft > 0;
  usePageTitle(t('signIn.title'));

  // When the lock runs out the form is usable again and the lock message goes away.
  useEffect(() => {
    if (lockedUntil !== undefined && lockSecondsLeft === 0) {
      setLockedUntil(undefined);
      setFailure(undefined);
    }
  }, [lockedUntil, lockSecondsLeft]);

  const serverFieldErrors: FieldMessages = failure?.fieldErrors ?? {};
  const messagesFor = (field: SignInField): string[] => {
    const required = requiredErrors[field];
    return [...(required ? [t(required)] : []), ...(serverFieldErrors[field] ?? [])];
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || locked) return;
    const missing: Partial<Record<SignInField, MessageKey>> = {};
    if (username.trim() === '') missing.username = 'signIn.required.username';
    if (password === '') missing.password = 'signIn.required.password';
    setRequiredErrors(missing);
    setFailure(undefined);
    if (missing.username || missing.password) {
      (missing.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    try {
      await store.signIn(username.trim(), password);
      // Signed in: the router replaces this page.
    } catch (error) {
      const view = describeSignInError(error);
      setFailure(view);
      if (view.lockedForSeconds !== undefined) setLockedUntil(Date.now() + view.lockedForSeconds * 1_000);
      if (view.summary === 'signIn.errors.invalidCredentials') {
        setPassword('');
        passwordRef.current?.focus();
      } else if (view.fieldErrors.username) usernameRef.current?.focus();
      else if (view.fieldErrors.password) passwordRef.current?.focus();
      setBusy(false);
    }
  };

  const reasonMessage = REASON_MESSAGES[reason];
  const lockDuration = failure?.lockedForSeconds === undefined ? undefined : durationMessage(failure.lockedForSeconds);
  const remaining = durationMessage(lockSecondsLeft);

  const field = (name: SignInField, label: string, input: ComponentPropsWithRef<'input'>) => {
    const messages = messagesFor(name);
    const errorId = `sign-in-${name}-error`;
    return (
      <div className="field">
        <label htmlFor={`sign-in-${name}`} className="field__label">
          {label}
        </label>
        <input
          {...input}
          id={`sign-in-${name}`}
          name={name}
          className="field__input"
          aria-invalid={messages.length > 0}
          aria-describedby={messages.length > 0 ? errorId : undefined}
          data-testid={`sign-in-${name}`}
        />
        {messages.length > 0 && (
          <div id={errorId} className="field__error" data-testid={`sign-in-${name}-error`}>
            {messages.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
      </div>
    );
  };

  return (
    <PublicLayout>
      <div className="panel sign-in">
        <p className="panel__eyebrow">{t('app.city')}</p>
        <h1 className="panel__title">{t('signIn.title')}</h1>
        <p className="panel__intro">{t('signIn.intro')}</p>

        {reasonMessage && !failure && (
          <p
            className={reason === 'signed-out-locally' ? 'banner banner--warning' : 'banner'}
            role="status"
            data-testid="sign-in-notice"
          >
            {t(reasonMessage)}
          </p>
        )}

        <div role="alert" className="alert-region">
          {failure && (
            <div className="banner banner--error" data-testid="sign-in-error">
              <p className="banner__title">
                {lockDuration
                  ? t('signIn.errors.locked', { duration: t(lockDuration.key, lockDuration.values) })
                  : t(failure.summary, failure.summaryValues)}
              </p>
              {failure.detail && <p>{failure.detail}</p>}
              {failure.otherErrors.length > 0 && (
                <ul>
                  {failure.otherErrors.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
              )}
              {failure.requestId && <p className="banner__meta">{t('common.requestId', { id: failure.requestId })}</p>}
            </div>
          )}
        </div>
        {locked && (
          <p className="lockout-countdown" data-testid="sign-in-lockout">
            {t('signIn.errors.lockedRemaining', { duration: t(remaining.key, remaining.values) })}
          </p>
        )}

        <form noValidate onSubmit={(event) => void submit(event)} data-testid="sign-in-form">
          {field('username', t('signIn.username'), {
            ref: usernameRef,
            type: 'text',
            autoComplete: 'username',
            autoCapitalize: 'none',
            spellCheck: false,
            required: true,
            value: username,
            onChange: (event) => setUsername(event.target.value),
          })}
          {field('password', t('signIn.password'), {
            ref: passwordRef,
            type: 'password',
            autoComplete: 'current-password',
            required: true,
            value: password,
            onChange: (event) => setPassword(event.target.value),
          })}
          <button
            type="submit"
            className="button button--primary button--block"
            aria-disabled={busy || locked}
            data-testid="sign-in-submit"
          >
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
      </div>
    </PublicLayout>
  );
}
