import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { editorialKeys } from './editorial-keys';

export type PreviewResponse = components['schemas']['PreviewResponse'];

/** How long typing must pause before the preview is asked for: a request per pause, not per key. */
export const PREVIEW_DELAY_MS = 500;

export async function previewMarkdown(markdown: string, signal?: AbortSignal): Promise<PreviewResponse> {
  const answer = await apiClient.POST('/api/v1/articles/preview', {
    body: { body_markdown: markdown },
    signal,
  });
  return dataOrThrow(answer);
}

/**
 * The body as readers will get it (rendered and sanitised by the API), for `markdown` once typing
 * pauses; the last preview stays shown while the next is on its way. An empty body asks for nothing.
 */
export function usePreview(markdown: string) {
  const settled = useDebouncedValue(markdown, PREVIEW_DELAY_MS);
  const query = useQuery({
    queryKey: editorialKeys.preview(settled),
    queryFn: ({ signal }) => previewMarkdown(settled, signal),
    enabled: settled.trim() !== '',
    // The same Markdown always renders the same way.
    staleTime: Infinity,
    gcTime: 60_000,
    placeholderData: keepPreviousData,
  });
  return { ...query, empty: settled.trim() === '', behind: settled !== markdown || query.isPlaceholderData };
}
