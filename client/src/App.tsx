import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';

import { MantineProvider } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { AuthProvider } from './auth/AuthProvider';
import { AppRoutes } from './routes';
import { cssVariablesResolver, theme } from './theme';

// The toasts' container (and its transitions) comes after the page: nothing is shown before the first action.
const Notifications = lazy(async () => ({ default: (await import('@mantine/notifications')).Notifications }));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Data changes rarely within a minute; avoids refetch storms when switching tabs.
      staleTime: 30_000,
      retry: 1,
    },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Suspense fallback={null}>
        <Notifications position="top-right" />
      </Suspense>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
