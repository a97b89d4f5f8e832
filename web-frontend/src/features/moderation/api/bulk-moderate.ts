import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import { refreshReaderPages } from '@/lib/api/console-queries';
import type { components } from '@/lib/api/schema';
import { moderationKeys } from './moderation-keys';

export type BulkModerationRequest = components['schemas']['BulkModerationRequest'];
export type BulkAction = components['schemas']['BulkAction'];

/** Approves, rejects, marks as spam or deletes up to 100 comments at once; answers how many changed. */
export async function bulkModerate(body: BulkModerationRequest): Promise<number> {
  return dataOrThrow(await apiClient.POST('/api/v1/admin/comments/bulk', { body })).affected;
}

export function useBulkModerate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bulkModerate,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: moderationKeys.all });
      // Approved comments appear under their articles and on the home page; others leave them.
      void refreshReaderPages(queryClient);
    },
  });
}
