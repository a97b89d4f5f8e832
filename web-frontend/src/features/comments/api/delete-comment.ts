import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, okOrThrow } from '@/lib/api/client';
import { commentKeys } from './comment-keys';
import type { CommentPage } from './list-comments';

/** Deletes one's own comment. */
export async function deleteComment(id: number): Promise<void> {
  const answer = await apiClient.DELETE('/api/v1/comments/{id}', { params: { path: { id } } });
  // 404: it is gone already (deleted in another tab, or by a moderator); the list catches up below.
  if (answer.response.status !== 404) {
    okOrThrow(answer);
  }
}

/**
 * Deletes a comment of article `articleId`, takes it off the list at once and reloads the pages.
 * `onDeleted` runs although the comment, and so the button that asked, has left the screen.
 */
export function useDeleteComment(articleId: number, { onDeleted }: { onDeleted?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteComment,
    onSuccess: (_, id) => {
      queryClient.setQueriesData<CommentPage>({ queryKey: commentKeys.article(articleId) }, (page) =>
        page ? { ...page, items: page.items.filter((item) => item.id !== id) } : page,
      );
      void queryClient.invalidateQueries({ queryKey: commentKeys.article(articleId) });
      onDeleted?.();
    },
  });
}
