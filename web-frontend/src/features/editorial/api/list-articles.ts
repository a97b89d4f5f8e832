import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components, paths } from '@/lib/api/schema';
import { editorialKeys } from './editorial-keys';

export type EditorialArticlePage = components['schemas']['EditorialArticlePage'];
export type EditorialListItem = components['schemas']['EditorialListItem'];
export type ArticleStatus = components['schemas']['ArticleStatus'];
export type ArticleFlag = components['schemas']['ArticleFlag'];
/** The list's filters, as the API names them. */
export type ArticleFilters = NonNullable<paths['/api/v1/admin/articles']['get']['parameters']['query']>;

export const ARTICLES_PER_PAGE = 20;

export async function listEditorialArticles(filters: ArticleFilters, signal?: AbortSignal): Promise<EditorialArticlePage> {
  const answer = await apiClient.GET('/api/v1/admin/articles', {
    params: { query: { per_page: ARTICLES_PER_PAGE, ...filters } },
    signal,
  });
  return dataOrThrow(answer);
}

/** Every article in any status, most recently changed first; the last page stays shown while the next loads. */
export function useEditorialArticles(filters: ArticleFilters) {
  return useQuery({
    queryKey: [...editorialKeys.lists(), filters],
    queryFn: ({ signal }) => listEditorialArticles(filters, signal),
    placeholderData: keepPreviousData,
  });
}
