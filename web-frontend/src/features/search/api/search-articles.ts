import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type SearchPage = components['schemas']['SearchPage'];
export type SearchHit = components['schemas']['SearchHit'];

/** Hits on one page of results, as many as a category's list has titles. */
export const RESULTS_PER_PAGE = 20;

export type SearchRequest = {
  /** What the reader typed, trimmed; never empty (the API refuses that). */
  q: string;
  /** A category's slug (its subcategories included); empty for every category. */
  category: string;
  /** From 1. */
  page: number;
};

/** One page of published articles matching `q`: title hits first, then the others, each newest first. */
export async function searchArticles({ q, category, page }: SearchRequest, signal?: AbortSignal): Promise<SearchPage> {
  const answer = await apiClient.GET('/api/v1/search', {
    params: {
      query: {
        q,
        category: category === '' ? undefined : category,
        page: String(page),
        per_page: String(RESULTS_PER_PAGE),
      },
    },
    signal,
  });
  return dataOrThrow(answer);
}

function searchKey({ q, category, page }: SearchRequest) {
  return ['search', { q, category, page, perPage: RESULTS_PER_PAGE }] as const;
}

export function searchQueryOptions(request: SearchRequest) {
  const { q, category } = request;
  return queryOptions({
    queryKey: searchKey(request),
    queryFn: ({ signal }) => searchArticles(request, signal),
    // Another page of the same search keeps the current hits on screen until it arrives; a new search
    // (other words, another category) does not show the old one's hits under its heading.
    placeholderData: (previous, previousQuery) => {
      const asked = previousQuery?.queryKey[1];
      return asked !== undefined && asked.q === q && asked.category === category ? previous : undefined;
    },
  });
}

export function useSearch(request: SearchRequest) {
  return useQuery({ ...searchQueryOptions(request), enabled: request.q !== '' });
}
