import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken } from './api';

export type Role = 'national_admin' | 'analyst' | 'province_official';

export interface ProvinceScope {
  geography: 'vn-63' | 'vn-34';
  province: string;
  covers: Record<'vn-63' | 'vn-34', string[]>;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scope: ProvinceScope | null;
}

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: SessionUser };

interface SessionApi {
  state: SessionState;
  logIn(username: string, password: string): Promise<void>;
  logOut(): Promise<void>;
  /** The server said 401: the session is over (expired, or ended elsewhere). */
  expire(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

interface SessionAnswer { user: SessionUser; csrfToken: string }

/**
 * The official's session, shared by every page of the officials' area. The CSRF token the server hands
 * out at login (or with the session) goes to the API client, which sends it on every change.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const signIn = useCallback((answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    setState({ status: 'signed-in', user: answer.user });
  }, []);
  const expire = useCallback(() => {
    setCsrfToken(null);
    setState((s) => ({ status: 'signed-out', expired: s.status === 'signed-in' }));
  }, []);

  useEffect(() => {
    // No session (401) or no server: either way the login form is what can help.
    api.get<SessionAnswer>('/api/auth/session').then(signIn, () => setState({ status: 'signed-out', expired: false }));
  }, [signIn]);

  const value = useMemo<SessionApi>(() => ({
    state,
    expire,
    async logIn(username, password) {
      signIn(await api.post<SessionAnswer>('/api/auth/login', { username, password }));
    },
    async logOut() {
      try {
        await api.post('/api/auth/logout', undefined);
      } finally {
        setCsrfToken(null);
        setState({ status: 'signed-out', expired: false });
      }
    },
  }), [state, expire, signIn]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for pages rendered behind the login. */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser while signed out');
  return state.user;
}

export function canStartRuns(user: SessionUser): boolean {
  return user.role === 'national_admin' || user.role === 'analyst';
}
