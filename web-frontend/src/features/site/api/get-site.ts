import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Site = components['schemas']['SiteResponse'];

export async function getSite(signal?: AbortSignal): Promise<Site> {
  return dataOrThrow(await apiClient.GET('/api/v1/site', { signal }));
}

export function siteQueryOptions() {
  return queryOptions({
    queryKey: ['site'],
    queryFn: ({ signal }) => getSite(signal),
    // The name and description change rarely; one request per visit is plenty.
    staleTime: 10 * 60 * 1000,
  });
}

export function useSite() {
  return useQuery(siteQueryOptions());
}
