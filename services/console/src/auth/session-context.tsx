import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { SessionSnapshot, SessionStore } from './session-store';

const SessionContext = createContext<SessionStore | undefined>(undefined);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSessionStore outside <SessionProvider>');
  return store;
}

export function useSession(): SessionSnapshot {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** The signed-in profile; only for components rendered inside the signed-in shell. */
export function useProfile() {
  const session = useSession();
  if (session.status !== 'signed-in') throw new Error('useProfile outside a signed-in session');
  return session.profile;
}
