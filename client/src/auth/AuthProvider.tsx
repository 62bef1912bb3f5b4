import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api, onUnauthorized } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { fetchMe, requestSignIn, type Me } from './signIn';

export type { Me };
export { SignInError } from './signIn';
export type Notice = { kind: 'expired' | 'info'; text: string };

export const SESSION_EXPIRED_MESSAGE = 'Votre session a expiré. Reconnectez-vous.';
export const ME_KEY = queryKeys.me;

type AuthContextValue = {
  /** The signed-in user, null when anonymous, undefined while the first check runs. */
  user: Me | null | undefined;
  /** A message for the sign-in page (session expired, password changed). */
  notice: Notice | null;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  /** After a password change the server ends every session: back to the sign-in page with a message. */
  endAfterPasswordChange: () => void;
};

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [notice, setNotice] = useState<Notice | null>(null);
  const signingOut = useRef(false);
  // Asked even offline: the service worker then answers with the last signed-in user (the offline activity log).
  const me = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: false, networkMode: 'always' });

  /** Forgets the user and every cached answer (they belong to the session that ended). */
  const forget = useCallback(() => {
    void queryClient.cancelQueries();
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    queryClient.setQueryData(ME_KEY, null);
  }, [queryClient]);

  // Any 401 from the API while signed in (or a `session_expired` at start): the session is over. The
  // route guard then sends the user to the sign-in page, which shows the message.
  useEffect(
    () =>
      onUnauthorized((code) => {
        // Requests still in flight while signing out get 401s: that is the sign-out, not an expiry.
        if (signingOut.current) return;
        const signedIn = queryClient.getQueryData<Me | null>(ME_KEY) != null;
        if (!signedIn && code !== 'session_expired') return;
        setNotice({ kind: 'expired', text: SESSION_EXPIRED_MESSAGE });
        if (signedIn) forget();
      }),
    [queryClient, forget],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const user = await requestSignIn(email, password);
      // Nothing cached from an earlier session may show through.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, user);
      setNotice(null);
      return user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await api.POST('/api/auth/logout');
    } finally {
      setNotice({ kind: 'info', text: 'Vous êtes déconnecté.' });
      navigate('/connexion', { replace: true });
      forget();
      signingOut.current = false;
    }
  }, [navigate, forget]);

  const endAfterPasswordChange = useCallback(() => {
    setNotice({ kind: 'info', text: 'Votre mot de passe a été modifié. Reconnectez-vous avec le nouveau.' });
    navigate('/connexion', { replace: true });
    forget();
  }, [navigate, forget]);

  const value = useMemo<AuthContextValue>(
    () => ({
      user: me.isPending ? undefined : me.isError ? null : me.data,
      notice,
      signIn,
      signOut,
      endAfterPasswordChange,
    }),
    [me.isPending, me.isError, me.data, notice, signIn, signOut, endAfterPasswordChange],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth doit être utilisé sous <AuthProvider>');
  return value;
}
