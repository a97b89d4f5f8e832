import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type ArticlePage = components['schemas']['ArticlePage'];

/** Titles on one page of a category's list. */
export const ARTICLES_PER_PAGE = 20;

/** One page of a category's published articles (its subcategories' included), newest first. */
export async function listCategoryArticles(slug: string, page: number, signal?: AbortSignal): Promise<ArticlePage> {
  const answer = await apiClient.GET('/api/v1/articles', {
    params: { query: { category: slug, page, per_page: ARTICLES_PER_PAGE, sort: 'latest' } },
    signal,
  });
  return dataOrThrow(answer);
}

export function categoryArticlesQueryOptions(slug: string, page: number) {
  return queryOptions({
    queryKey: ['categories', slug, 'articles', { page, perPage: ARTICLES_PER_PAGE }],
    queryFn: ({ signal }) => listCategoryArticles(slug, page, signal),
    // Going to the next page keeps the current list on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

export function useCategoryArticles(slug: string, page: number) {
  return useQuery(categoryArticlesQueryOptions(slug, page));
}
