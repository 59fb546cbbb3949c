import { useCallback, useState } from 'react';
import type { MoveErrorView } from '../../tasks/task-errors';
import { describeActionError } from './action-error';

export interface ActionHandle {
  readonly busy: boolean;
  readonly error: MoveErrorView | undefined;
  /** What the last action did, for a `role="status"` line. */
  readonly done: string;
  /** Runs `work` unless one is running; on success says `message(result)`, on failure keeps the error. */
  readonly run: <T>(work: () => Promise<T>, message: (result: T) => string) => Promise<T | undefined>;
  readonly clear: () => void;
}

/** One user action at a time on a page: busy while it runs, then its outcome or its error. */
export function useAction(): ActionHandle {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MoveErrorView | undefined>();
  const [done, setDone] = useState('');
  const run = useCallback(async <T>(work: () => Promise<T>, message: (result: T) => string) => {
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      const result = await work();
      setDone(message(result));
      return result;
    } catch (failure) {
      setError(describeActionError(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setError(undefined);
    setDone('');
  }, []);
  return { busy, error, done, run, clear };
}
