import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onSessionExpired, sessionStore } from '../api/instance';
import type { User } from '../api/types';
import { AuthContext, type AuthState } from './context';

/**
 * Who is signed in, from the stored session. The API client refreshes tokens by itself; when it cannot (the
 * refresh token expired or was revoked) it clears the session and this provider shows the sign-in page with a
 * notice. Another tab signing in or out is followed through the storage event.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState(() => sessionStore.get());
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => sessionStore.subscribe(setSession), []);
  useEffect(() => onSessionExpired(() => {
    setNotice('Your session has ended. Please sign in again.');
    queryClient.clear();
  }), [queryClient]);
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key === sessionStore.storageKey) sessionStore.notifyExternalChange();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const begin = useCallback((user: User, tokens: Parameters<typeof sessionStore.setTokens>[0]) => {
    queryClient.clear();
    setNotice(null);
    sessionStore.setTokens(tokens, Date.now(), user);
  }, [queryClient]);

  const signIn = useCallback(async (email: string, password: string) => {
    const result = await api.login(email, password);
    begin(result.user, result.tokens);
  }, [begin]);

  const signUp = useCallback(async (email: string, password: string) => {
    const result = await api.register(email, password);
    begin(result.user, result.tokens);
  }, [begin]);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // the session is ended locally whatever the server says (it may already be gone)
    }
    sessionStore.clear();
    queryClient.clear();
    setNotice('You have signed out.');
  }, [queryClient]);

  const value = useMemo<AuthState>(() => ({
    user: session?.user ?? null,
    signedIn: session !== null,
    notice,
    signIn,
    signUp,
    signOut,
    clearNotice: () => setNotice(null),
  }), [session, notice, signIn, signUp, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
