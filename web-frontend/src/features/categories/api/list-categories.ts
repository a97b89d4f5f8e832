import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type CategoryList = components['schemas']['CategoryListResponse'];

export async function listCategories(signal?: AbortSignal): Promise<CategoryList> {
  return dataOrThrow(await apiClient.GET('/api/v1/categories', { signal }));
}

export function categoriesQueryOptions() {
  return queryOptions({
    queryKey: ['categories'],
    queryFn: ({ signal }) => listCategories(signal),
    // The navigation bar; categories are rearranged rarely.
    staleTime: 10 * 60 * 1000,
  });
}

export function useCategories() {
  return useQuery(categoriesQueryOptions());
}
