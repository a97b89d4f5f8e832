import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { commentKeys } from './comment-keys';

export type Comment = components['schemas']['CommentResponse'];
export type CommentPage = components['schemas']['CommentPage'];

/** Comments a page of 最新相关评论 shows. */
export const COMMENTS_PER_PAGE = 10;

/**
 * One page of an article's approved comments, newest first. `no-cache`: the API lets browsers keep
 * the list for a few seconds, and a reader who has just posted, edited or deleted must see the change.
 */
export async function listComments(articleId: number, page: number, signal?: AbortSignal): Promise<CommentPage> {
  const answer = await apiClient.GET('/api/v1/articles/{id}/comments', {
    params: { path: { id: articleId }, query: { page, per_page: COMMENTS_PER_PAGE } },
    cache: 'no-cache',
    signal,
  });
  return dataOrThrow(answer);
}

/** A page of the article's comments; the one shown stays on screen while the next loads. */
export function articleCommentsQueryOptions(articleId: number, page: number) {
  return queryOptions({
    queryKey: commentKeys.page(articleId, page),
    queryFn: ({ signal }) => listComments(articleId, page, signal),
    placeholderData: keepPreviousData,
  });
}

export function useArticleComments(articleId: number, page: number) {
  return useQuery(articleCommentsQueryOptions(articleId, page));
}
