import '@mantine/core/styles.css';
import './global.css';

import { MantineProvider } from '@mantine/core';
import { PublicEngagementPage, PublicIntentionPage, PublicNotFound } from './pages/candidatures/PublicPages';
import { cssVariablesResolver, theme } from './theme';

/** Which public page a path shows: /candidater/:callId or /candidater/suite/:editToken. */
export function publicRoute(
  pathname: string,
): { page: 'intention'; callId: string } | { page: 'engagement'; editToken: string } | null {
  const engagement = /^\/candidater\/suite\/([^/]+)\/?$/.exec(pathname);
  if (engagement) return { page: 'engagement', editToken: decodeURIComponent(engagement[1]!) };
  const intention = /^\/candidater\/([^/]+)\/?$/.exec(pathname);
  if (intention && intention[1] !== 'suite') return { page: 'intention', callId: decodeURIComponent(intention[1]!) };
  return null;
}

/** The public candidature app: its links load pages, so it needs no client-side router. */
export function PublicApp() {
  const route = publicRoute(window.location.pathname);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {route?.page === 'intention' ? (
        <PublicIntentionPage callId={route.callId} />
      ) : route?.page === 'engagement' ? (
        <PublicEngagementPage editToken={route.editToken} />
      ) : (
        <PublicNotFound />
      )}
    </MantineProvider>
  );
}
