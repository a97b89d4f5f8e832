import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import { refreshReaderPages } from '@/lib/api/console-queries';
import type { components } from '@/lib/api/schema';
import { editorialKeys } from './editorial-keys';
import { etagOf, type VersionedArticle } from './get-article';

export type CreateArticleRequest = components['schemas']['CreateArticleRequest'];
export type UpdateArticleRequest = components['schemas']['UpdateArticleRequest'];

export async function createArticle(body: CreateArticleRequest): Promise<VersionedArticle> {
  const answer = await apiClient.POST('/api/v1/articles', { body });
  return { article: dataOrThrow(answer), etag: etagOf(answer.response) };
}

/** Changes an article on top of version `etag`; a 412 means someone else saved first and nothing changed. */
export async function updateArticle(id: number, etag: string, body: UpdateArticleRequest): Promise<VersionedArticle> {
  const answer = await apiClient.PATCH('/api/v1/articles/{id}', {
    params: { path: { id }, header: { 'If-Match': etag } },
    body,
  });
  return { article: dataOrThrow(answer), etag: etagOf(answer.response) };
}

/** After any save: the editor's copy is this version, the lists and the reader's pages are read again. */
function useAfterSave() {
  const queryClient = useQueryClient();
  return (saved: VersionedArticle) => {
    queryClient.setQueryData(editorialKeys.article(saved.article.id), saved);
    void queryClient.invalidateQueries({ queryKey: editorialKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: editorialKeys.revisions(saved.article.id) });
    void refreshReaderPages(queryClient);
  };
}

export function useCreateArticle() {
  const afterSave = useAfterSave();
  return useMutation({ mutationFn: createArticle, onSuccess: afterSave });
}

type UpdateInput = { id: number; etag: string; changes: UpdateArticleRequest };

export function useUpdateArticle() {
  const afterSave = useAfterSave();
  return useMutation({
    mutationFn: ({ id, etag, changes }: UpdateInput) => updateArticle(id, etag, changes),
    onSuccess: afterSave,
  });
}
