import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, okOrThrow } from '@/lib/api/client';
import { refreshReaderPages } from '@/lib/api/console-queries';
import { editorialKeys } from './editorial-keys';

/** Moves an article to the trash (`PATCH {trashed: false}` takes it out again). */
export async function trashArticle(id: number): Promise<void> {
  okOrThrow(await apiClient.DELETE('/api/v1/articles/{id}', { params: { path: { id } } }));
}

export function useTrashArticle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: trashArticle,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: editorialKeys.article(id) });
      void queryClient.invalidateQueries({ queryKey: editorialKeys.lists() });
      void refreshReaderPages(queryClient);
    },
  });
}
