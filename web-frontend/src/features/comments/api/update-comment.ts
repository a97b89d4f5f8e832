import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import { commentKeys } from './comment-keys';
import type { Comment, CommentPage } from './list-comments';

/** Changes the text of one's own comment (within 15 minutes of posting); it may go back to moderation. */
export async function updateComment(id: number, content: string): Promise<Comment> {
  const answer = await apiClient.PATCH('/api/v1/comments/{id}', {
    params: { path: { id } },
    body: { content },
  });
  return dataOrThrow(answer);
}

/**
 * Edits a comment of article `articleId`: shown changed at once, or taken off the list if it now
 * waits for a moderator. `onUpdated` runs even if the comment has left the screen by then.
 */
export function useUpdateComment(articleId: number, { onUpdated }: { onUpdated?: (updated: Comment) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, content }: { id: number; content: string }) => updateComment(id, content),
    onSuccess: (updated) => {
      queryClient.setQueriesData<CommentPage>({ queryKey: commentKeys.article(articleId) }, (page) =>
        page
          ? {
              ...page,
              items:
                updated.status === 'approved'
                  ? page.items.map((item) => (item.id === updated.id ? updated : item))
                  : page.items.filter((item) => item.id !== updated.id),
            }
          : page,
      );
      if (updated.status !== 'approved') {
        void queryClient.invalidateQueries({ queryKey: commentKeys.article(articleId) });
      }
      onUpdated?.(updated);
    },
  });
}
