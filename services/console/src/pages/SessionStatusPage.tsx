import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../auth/session-context';
import { PublicLayout } from '../shell/PublicLayout';
import { usePageTitle } from '../shell/use-page-title';

/** While the session is being restored on page load. */
export function RestoringPage() {
  const { t } = useTranslation();
  usePageTitle(undefined);
  return (
    <PublicLayout>
      <p className="status-message" role="status" data-testid="session-restoring">
        {t('session.restoring')}
      </p>
    </PublicLayout>
  );
}

/** The refresh on page load got no answer: say so, and let the user retry or go to the sign-in form. */
export function UnreachablePage() {
  const { t } = useTranslation();
  const store = useSessionStore();
  usePageTitle(t('session.restoreFailedTitle'));
  return (
    <PublicLayout>
      <div className="panel" data-testid="session-unreachable">
        <h1 className="panel__title">{t('session.restoreFailedTitle')}</h1>
        <p>{t('session.restoreFailedBody')}</p>
        <div className="button-row">
          <button type="button" className="button button--primary" onClick={() => void store.restore()}>
            {t('session.retry')}
          </button>
          <button type="button" className="button" onClick={() => store.showSignIn()}>
            {t('session.goToSignIn')}
          </button>
        </div>
      </div>
    </PublicLayout>
  );
}
