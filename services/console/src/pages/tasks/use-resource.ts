import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { describeLoadError, type LoadFailure } from '../../tasks/task-errors';

export type Resource<T> =
  /** `stale`: what was shown before this load started (the previous page of a list), to keep on screen meanwhile. */
  | { readonly status: 'loading'; readonly stale?: T }
  | { readonly status: 'loaded'; readonly data: T }
  | { readonly status: 'failed'; readonly failure: LoadFailure };

export interface ResourceHandle<T> {
  readonly resource: Resource<T>;
  /** Loads again (after a failure, or when the data on screen is known to be stale). */
  readonly reload: () => void;
  /** Replaces the data with a fresher copy the page already has (e.g. the task a move returned). */
  readonly replace: (data: T) => void;
}

/**
 * Data from the API for one page, loaded again whenever `key` changes. A load that is overtaken (the key changed, the
 * page went away) is aborted and its answer ignored, so a slow old answer never replaces a newer one.
 */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): ResourceHandle<T> {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const run = useEffectEvent(load);

  useEffect(() => {
    const controller = new AbortController();
    setResource((before) => ({
      status: 'loading',
      stale: before.status === 'loaded' ? before.data : before.status === 'loading' ? before.stale : undefined,
    }));
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResource({ status: 'loaded', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setResource({ status: 'failed', failure: describeLoadError(error) });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: T) => setResource({ status: 'loaded', data }), []);
  return { resource, reload, replace };
}
