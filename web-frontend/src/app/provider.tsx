import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // One retry smooths over a blip; more would keep a reader waiting before the error shows.
      queries: { retry: 1, refetchOnWindowFocus: false },
    },
  });
}

type AppProviderProps = {
  children: ReactNode;
  /** Tests pass their own client (no retries) so each test starts with an empty cache. */
  queryClient?: QueryClient;
};

export function AppProvider({ children, queryClient }: AppProviderProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
