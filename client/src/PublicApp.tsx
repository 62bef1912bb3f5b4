import '@mantine/core/styles.css';
import './global.css';

import { MantineProvider } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { PublicEngagementPage, PublicIntentionPage, PublicNotFound } from './pages/candidatures/PublicPages';
import { cssVariablesResolver, theme } from './theme';

// Rarely visited pages come in their own chunks: the forms' first load stays within its budget.
const LostLinkPage = lazy(async () => ({ default: (await import('./pages/candidatures/LostLinkPage')).LostLinkPage }));
const PrivacyNoticePage = lazy(async () => ({
  default: (await import('./pages/candidatures/PrivacyNoticePage')).PrivacyNoticePage,
}));

/** The public app's pages (the every-route browser test reads this list, as it reads routes.tsx). */
export const PUBLIC_ROUTES = [
  { path: 'candidater/suite/:editToken', page: 'engagement' },
  { path: 'candidater/lien-perdu', page: 'lost-link' },
  { path: 'candidater/donnees-personnelles', page: 'privacy' },
  { path: 'candidater/:callId', page: 'intention' },
] as const;

type PublicPage = (typeof PUBLIC_ROUTES)[number]['page'];

/** Which public page a path shows, with its parameter (empty for a page without one), or null. */
export function publicRoute(pathname: string): { page: PublicPage; param: string } | null {
  for (const route of PUBLIC_ROUTES) {
    const pattern = new RegExp(`^/${route.path.replace(/:[a-zA-Z]+/, '([^/]+)')}/?$`);
    const match = pattern.exec(pathname);
    if (match) return { page: route.page, param: match[1] ? decodeURIComponent(match[1]) : '' };
  }
  return null;
}

/** The public candidature app: its links load pages, so it needs no client-side router. */
export function PublicApp() {
  const route = publicRoute(window.location.pathname);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {route?.page === 'intention' ? (
        <PublicIntentionPage callId={route.param} />
      ) : route?.page === 'engagement' ? (
        <PublicEngagementPage editToken={route.param} />
      ) : route?.page === 'lost-link' ? (
        <Suspense>
          <LostLinkPage />
        </Suspense>
      ) : route?.page === 'privacy' ? (
        <Suspense>
          <PrivacyNoticePage />
        </Suspense>
      ) : (
        <PublicNotFound />
      )}
    </MantineProvider>
  );
}
