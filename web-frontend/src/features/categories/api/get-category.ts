import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type CategoryDetail = components['schemas']['CategoryDetailResponse'];

export async function getCategory(slug: string, signal?: AbortSignal): Promise<CategoryDetail> {
  const answer = await apiClient.GET('/api/v1/categories/{id_or_slug}', {
    params: { path: { id_or_slug: slug } },
    signal,
  });
  return dataOrThrow(answer);
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
