import { QueryClient } from '@tanstack/react-query';

/** The signed-in app's one query cache (the public candidature app has none: it fetches its one record itself). */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Data changes rarely within a minute; avoids refetch storms when switching tabs.
      staleTime: 30_000,
      retry: 1,
    },
  },
});
