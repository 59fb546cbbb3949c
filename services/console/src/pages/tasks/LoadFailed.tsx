import { useTranslation } from 'react-i18next';
import type { MessageKey } from '../../i18n/message-key';

export interface LoadFailedProps {
  readonly summary: MessageKey;
  readonly values: Record<string, string | number>;
  readonly requestId?: string;
  readonly onRetry: () => void;
  readonly testId: string;
}

/** A load that failed: what went wrong, the request id to quote, and a retry. */
export function LoadFailed({ summary, values, requestId, onRetry, testId }: LoadFailedProps) {
  const { t } = useTranslation();
  return (
    <div className="banner banner--error" role="alert" data-testid={testId}>
      <p className="banner__title">{t(summary, values)}</p>
      {requestId && <p className="banner__meta">{t('common.requestId', { id: requestId })}</p>}
      <div className="button-row button-row--tight">
        <button type="button" className="button" onClick={onRetry}>
          {t('tasks.list.retry')}
        </button>
      </div>
    </div>
  );
}
