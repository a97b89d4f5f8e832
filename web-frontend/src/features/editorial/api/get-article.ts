import { useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { editorialKeys } from './editorial-keys';

export type EditorialArticle = components['schemas']['ArticleResponse'];

/**
 * An article as editors have it, with the ETag of its version: the `If-Match` of the next change,
 * so a change made on top of someone else's newer save is refused instead of overwriting it.
 */
export type VersionedArticle = { article: EditorialArticle; etag: string };

/** The version's ETag from an answer that must carry one. */
export function etagOf(response: Response): string {
  const etag = response.headers.get('ETag');
  if (etag === null || etag === '') {
    // Without it no change could be sent; a missing header is a server (or proxy) fault.
    throw new Error('the API answered an article without its ETag');
  }
  return etag;
}

export async function getEditorialArticle(id: number, signal?: AbortSignal): Promise<VersionedArticle> {
  const answer = await apiClient.GET('/api/v1/articles/{id}', {
    params: { path: { id } },
    signal,
  });
  return { article: dataOrThrow(answer), etag: etagOf(answer.response) };
}

export function useEditorialArticle(id: number) {
  return useQuery({ queryKey: editorialKeys.article(id), queryFn: ({ signal }) => getEditorialArticle(id, signal) });
}
