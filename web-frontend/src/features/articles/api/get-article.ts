import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { useSessionState } from '@/lib/auth/session-context';

export type Article = components['schemas']['ArticleResponse'];

export async function getArticle(id: number, signal?: AbortSignal): Promise<Article> {
  const answer = await apiClient.GET('/api/v1/articles/{id}', {
    params: { path: { id } },
    signal,
  });
  return dataOrThrow(answer);
}

/** Every query of article `id`, whoever read it. */
export function articleKey(id: number) {
  return ['articles', id] as const;
}

/**
 * The article as `viewer` (a member id, or 0 when signed out) may read it: a members-only body
 * comes only with a session, so signing in or out reads it again.
 */
export function articleQueryOptions(id: number, viewer: number) {
  return queryOptions({
    queryKey: [...articleKey(id), viewer],
    queryFn: ({ signal }) => getArticle(id, signal),
  });
}

/** The signed-out reader's id in `articleQueryOptions`. */
export const ANONYMOUS_VIEWER = 0;

export function useArticle(id: number) {
  const session = useSessionState();
  const queryClient = useQueryClient();
  const restoring = session.status === 'restoring';
  const viewer = session.status === 'signed-in' ? session.member.id : ANONYMOUS_VIEWER;
  return useQuery({
    ...articleQueryOptions(id, viewer),
    enabled: !restoring,
    // Signing in or out re-reads the article; the page keeps showing it (and its comment form)
    // meanwhile, but only for the same article. While a session is being restored, the copy for
    // anyone (the server's page put it in the cache) stands in rather than a loading state.
    placeholderData: (previous) =>
      previous?.id === id
        ? previous
        : restoring
          ? queryClient.getQueryData(articleQueryOptions(id, ANONYMOUS_VIEWER).queryKey)
          : undefined,
  });
}
