import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Home = components['schemas']['HomeResponse'];

/** Titles in each category's block, as many as the old page showed. */
export const TITLES_PER_CATEGORY = 10;

export async function getHome(signal?: AbortSignal): Promise<Home> {
  const answer = await apiClient.GET('/api/v1/home', {
    params: { query: { per_category: TITLES_PER_CATEGORY } },
    signal,
  });
  return dataOrThrow(answer);
}

export function homeQueryOptions() {
  return queryOptions({
    queryKey: ['home'],
    queryFn: ({ signal }) => getHome(signal),
    // Shown on the home page and beside every other page; new articles can wait a minute.
    staleTime: 60 * 1000,
  });
}

export function useHome() {
  return useQuery(homeQueryOptions());
}
