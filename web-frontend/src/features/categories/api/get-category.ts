import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiClient, asProblem } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type CategoryDetail = components['schemas']['CategoryDetailResponse'];

export async function getCategory(slug: string, signal?: AbortSignal): Promise<CategoryDetail> {
  const { data, error, response } = await apiClient.GET('/api/v1/categories/{id_or_slug}', {
    params: { path: { id_or_slug: slug } },
    signal,
  });
  if (data === undefined) {
    throw new ApiError(response.status, asProblem(error));
  }
  return data;
}

export function categoryQueryOptions(slug: string) {
  return queryOptions({
    queryKey: ['categories', slug],
    queryFn: ({ signal }) => getCategory(slug, signal),
  });
}

export function useCategory(slug: string) {
  return useQuery(categoryQueryOptions(slug));
}
