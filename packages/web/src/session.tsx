/**
 * Who is signed in, loaded once from GET /api/v1/auth/session and replaced after sign-in,
 * sign-up, sign-out and verification. `null` is a normal state (signed out), not an error: the
 * server answers it with a 200, so a signed-out visit logs no failed request in the console.
 */
import type { User } from '@chatshare/client';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { attempt, client, type Failure } from './api.js';

export interface SessionValue {
  /** `undefined` while loading. */
  user: User | null | undefined;
  /** Set when the session could not be read (network, server down). */
  error: Failure | null;
  setUser(user: User | null): void;
  reload(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<Failure | null>(null);

  const reload = useCallback(async () => {
    const result = await attempt(() => client.auth.session());
    if (result.ok) {
      setUser(result.value.user);
      setError(null);
    } else {
      setUser(null);
      setError(result.error);
    }
  }, []);

  const signOut = useCallback(async () => {
    await attempt(() => client.auth.signout());
    setUser(null);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo(() => ({ user, error, setUser, reload, signOut }), [user, error, reload, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}
