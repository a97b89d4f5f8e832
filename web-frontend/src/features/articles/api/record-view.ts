import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { articleKey, type Article } from './get-article';

export type ViewCount = components['schemas']['ViewCountResponse'];

/** Counts one view of the article (the server decides whether it counts) and returns its views. */
export async function recordView(id: number): Promise<ViewCount> {
  const answer = await apiClient.POST('/api/v1/articles/{id}/views', {
    params: { path: { id } },
  });
  return dataOrThrow(answer);
}

/**
 * Sends the view of article `id` once `ready` (the article has loaded), once per visit: the ref
 * remembers which article this page already counted, so React running the effect again (StrictMode
 * mounts twice in development) or re-rendering sends nothing more, while moving to another article
 * counts that one. Returns the views the server reported, or undefined until it has answered.
 */
export function useRecordView(id: number, ready: boolean): number | undefined {
  const queryClient = useQueryClient();
  const { mutate, data, variables } = useMutation({
    mutationFn: recordView,
    onSuccess: ({ views }, articleId) => {
      // Coming back to the article shows the newer count straight away.
      queryClient.setQueriesData<Article>({ queryKey: articleKey(articleId) }, (article) =>
        article ? { ...article, views } : article,
      );
    },
    // A view that could not be counted costs the reader nothing: the page keeps the loaded count.
  });
  const counted = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!ready || counted.current === id) {
      return;
    }
    counted.current = id;
    mutate(id);
  }, [id, ready, mutate]);

  return variables === id ? data?.views : undefined;
}
