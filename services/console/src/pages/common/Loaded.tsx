import type { ReactNode } from 'react';
import { ResourceFailed } from '../tasks/LoadFailed';
import type { Resource } from '../tasks/use-resource';

/**
 * A resource on a page: while it loads, a status line (or what was shown before); when it failed, why and a retry;
 * when it was not found (or may not be seen), `notFound`; otherwise `children(data)`.
 */
export function Loaded<T>({
  resource,
  loading,
  notFound,
  onRetry,
  testId,
  children,
}: {
  resource: Resource<T>;
  loading: string;
  notFound?: string;
  onRetry: () => void;
  testId: string;
  children: (data: T) => ReactNode;
}) {
  if (resource.status === 'loaded') return children(resource.data);
  if (resource.status === 'loading') {
    if (resource.stale !== undefined) return children(resource.stale);
    return (
      <p className="list-status" role="status" data-testid={`${testId}-loading`}>
        {loading}
      </p>
    );
  }
  if (resource.failure.kind === 'notFound') {
    return <p data-testid={`${testId}-not-found`}>{notFound}</p>;
  }
  return <ResourceFailed resource={resource} onRetry={onRetry} testId={`${testId}-error`} />;
}
