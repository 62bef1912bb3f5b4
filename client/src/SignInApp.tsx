import '@mantine/core/styles.css';
import './global.css';

import { Center, Loader, MantineProvider } from '@mantine/core';
import { useEffect, useState } from 'react';
import { safeReturnPath } from './auth/publicPaths';
import { requestSignIn } from './auth/signIn';
import { SignInForm, type SignInNotice } from './auth/SignInForm';
import { cssVariablesResolver, theme } from './theme';

const SESSION_EXPIRED: SignInNotice = { kind: 'expired', text: 'Votre session a expiré. Reconnectez-vous.' };

/**
 * A direct visit to /connexion (a bookmark, a link in an e-mail) gets this small app: the form and the session check,
 * without the router, the query cache or the back-office. Once signed in, the page loads the signed-in app.
 */
export function SignInApp() {
  const back = safeReturnPath(new URLSearchParams(window.location.search).get('retour'));
  const [state, setState] = useState<'checking' | 'anonymous'>('checking');
  const [notice, setNotice] = useState<SignInNotice | null>(null);

  useEffect(() => {
    let live = true;
    fetch('/api/auth/me', { credentials: 'include' })
      .then(async (response) => {
        if (response.ok) return window.location.replace(back);
        const body: unknown = await response.json().catch(() => null);
        if (live && (body as { code?: unknown } | null)?.code === 'session_expired') setNotice(SESSION_EXPIRED);
        if (live) setState('anonymous');
      })
      .catch(() => live && setState('anonymous'));
    return () => {
      live = false;
    };
  }, [back]);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {state === 'checking' ? (
        <Center h="100vh">
          <Loader aria-label="Chargement" />
        </Center>
      ) : (
        <SignInForm notice={notice} signIn={requestSignIn} onSignedIn={() => window.location.replace(back)} />
      )}
    </MantineProvider>
  );
}
