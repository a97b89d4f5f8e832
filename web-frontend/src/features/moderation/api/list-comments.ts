import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { moderationKeys } from './moderation-keys';

export type AdminComment = components['schemas']['AdminComment'];
export type AdminCommentPage = components['schemas']['AdminCommentPage'];
export type CommentStatus = components['schemas']['CommentStatus'];

/** A page of the queue; at most what one bulk action takes (100). */
export const QUEUE_PER_PAGE = 50;

export async function listModerationComments(status: CommentStatus, page: number, signal?: AbortSignal): Promise<AdminCommentPage> {
  const answer = await apiClient.GET('/api/v1/admin/comments', {
    params: { query: { status, page, per_page: QUEUE_PER_PAGE } },
    signal,
  });
  return dataOrThrow(answer);
}

export function useModerationComments(status: CommentStatus, page: number) {
  return useQuery({
    queryKey: [...moderationKeys.all, status, page],
    queryFn: ({ signal }) => listModerationComments(status, page, signal),
    placeholderData: keepPreviousData,
  });
}
