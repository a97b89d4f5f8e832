import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, apiClient, asProblem } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Article = components['schemas']['ArticleResponse'];

export async function getArticle(id: number, signal?: AbortSignal): Promise<Article> {
  const { data, error, response } = await apiClient.GET('/api/v1/articles/{id}', {
    params: { path: { id } },
    signal,
  });
  if (data === undefined) {
    throw new ApiError(response.status, asProblem(error));
  }
  return data;
}

export function articleQueryOptions(id: number) {
  return queryOptions({
    queryKey: ['articles', id],
    queryFn: ({ signal }) => getArticle(id, signal),
  });
}

export function useArticle(id: number) {
  return useQuery(articleQueryOptions(id));
}
