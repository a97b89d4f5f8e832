import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiClient, asProblem } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Site = components['schemas']['SiteResponse'];

export async function getSite(signal?: AbortSignal): Promise<Site> {
  const { data, error, response } = await apiClient.GET('/api/v1/site', { signal });
  if (data === undefined) {
    throw new ApiError(response.status, asProblem(error));
  }
  return data;
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
