import { useEffect, useState } from 'react';
import type { Unit } from '../../api/types';
import { useSessionStore } from '../../auth/session-context';
import type { SessionStore } from '../../auth/session-store';
import { fetchUnits } from '../../tasks/task-api';

export type UnitIndex = ReadonlyMap<string, Unit>;

/** Units rarely change: one request per session store, shared by every page that names units. */
const loaded = new WeakMap<SessionStore, Promise<UnitIndex>>();

function unitIndex(store: SessionStore): Promise<UnitIndex> {
  let pending = loaded.get(store);
  if (!pending) {
    pending = fetchUnits(store).then((units) => new Map(units.map((unit) => [unit.id, unit])));
    pending.catch(() => loaded.delete(store)); // try again next time
    loaded.set(store, pending);
  }
  return pending;
}

/**
 * The units by id: undefined while loading, empty when they could not be loaded (pages then show unit ids, which is
 * worse but still true).
 */
export function useUnits(): UnitIndex | undefined {
  const store = useSessionStore();
  const [units, setUnits] = useState<UnitIndex | undefined>();
  useEffect(() => {
    let live = true;
    unitIndex(store).then(
      (index) => live && setUnits(index),
      () => live && setUnits(new Map()),
    );
    return () => {
      live = false;
    };
  }, [store]);
  return units;
}
