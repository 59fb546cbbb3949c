import { useTranslation } from 'react-i18next';
import type { Resource } from './use-resource';
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

/** The failure of a page's resource, if it failed (a task not found is the page's own business). */
export function ResourceFailed({
  resource,
  onRetry,
  testId,
}: {
  resource: Resource<unknown>;
  onRetry: () => void;
  testId: string;
}) {
  if (resource.status !== 'failed' || resource.failure.kind !== 'failed') return null;
  const { summary, values, requestId } = resource.failure;
  return <LoadFailed summary={summary} values={values} requestId={requestId} onRetry={onRetry} testId={testId} />;
}
