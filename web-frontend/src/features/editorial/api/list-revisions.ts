import { useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { editorialKeys } from './editorial-keys';

export type Revision = components['schemas']['RevisionResponse'];

export async function listRevisions(id: number, signal?: AbortSignal): Promise<Revision[]> {
  const answer = await apiClient.GET('/api/v1/articles/{id}/revisions', {
    params: { path: { id } },
    signal,
  });
  return dataOrThrow(answer);
}

/** The article's earlier texts, newest first; asked for only when the panel is opened. */
export function useRevisions(id: number, enabled: boolean) {
  return useQuery({
    queryKey: editorialKeys.revisions(id),
    queryFn: ({ signal }) => listRevisions(id, signal),
    enabled,
  });
}
