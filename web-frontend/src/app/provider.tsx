import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError, apiClient } from '@/lib/api/client';
import { Session } from '@/lib/auth/session';
import { SessionProvider } from '@/lib/auth/session-context';
import { followSiteTimeZone } from './site-time-zone';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: retryOnce, refetchOnWindowFocus: false },
    },
  });
}

/**
 * One retry smooths over a blip; more would keep a reader waiting before the error shows. An answer
 * in the 4xx range (a missing article, a bad page number) will not change on asking again.
 */
function retryOnce(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    return false;
  }
  return failureCount < 1;
}

type AppProviderProps = {
  children: ReactNode;
  /**
   * `main.tsx` passes the client it filled from the page's data island; tests pass their own (no
   * retries) so each test starts with an empty cache.
   */
  queryClient?: QueryClient;
};

export function AppProvider({ children, queryClient }: AppProviderProps) {
  const [client] = useState(() => {
    const chosen = queryClient ?? createQueryClient();
    // Before anything renders a date: the island may already hold the site's zone.
    followSiteTimeZone(chosen);
    return chosen;
  });
  const [session] = useState(() => new Session());

  useEffect(() => {
    const disconnect = session.connect(apiClient);
    // A reload keeps the member signed in: the refresh cookie outlives the token kept in memory.
    session.restore();
    return disconnect;
  }, [session]);

  return (
    <QueryClientProvider client={client}>
      <SessionProvider session={session}>{children}</SessionProvider>
    </QueryClientProvider>
  );
}
