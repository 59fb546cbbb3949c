import { useTranslation } from 'react-i18next';
import type { ActionErrorView } from '../api/action-error';

/** A refused or failed action: our summary, the server's explanation as it came, and the request id to quote. */
export function ActionErrorBanner({ error, testId }: { error: ActionErrorView; testId: string }) {
  const { t } = useTranslation();
  const { view } = error;
  return (
    <div className="banner banner--error" role="alert" data-testid={testId}>
      <p className="banner__title">{t(view.summary, view.summaryValues)}</p>
      {view.detail && <p data-testid={`${testId}-detail`}>{view.detail}</p>}
      {view.requestId && <p className="banner__meta">{t('common.requestId', { id: view.requestId })}</p>}
    </div>
  );
}
