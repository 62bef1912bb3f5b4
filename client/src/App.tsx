import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';

import { MantineProvider } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { queryClient } from './api/queryClient';
import { AuthProvider } from './auth/AuthProvider';
import { LeaveGuardContext } from './forms/leaveGuard';
import { useRouterLeaveGuard } from './forms/routerLeaveGuard';
import { AppRoutes } from './routes';
import { cssVariablesResolver, theme } from './theme';

// The toasts' container (and its transitions) comes after the page: nothing is shown before the first action.
const Notifications = lazy(async () => ({ default: (await import('@mantine/notifications')).Notifications }));

// A data router (the pages' own <Routes> stay as they are under one splat route) so forms can use react-router's
// blocker to confirm leaving with unsaved changes.
const router = createBrowserRouter([
  {
    path: '*',
    element: (
      <LeaveGuardContext.Provider value={useRouterLeaveGuard}>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </LeaveGuardContext.Provider>
    ),
  },
]);

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Suspense fallback={null}>
        <Notifications position="top-right" />
      </Suspense>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
