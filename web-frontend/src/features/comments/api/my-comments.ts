import { useQuery } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { CommentPage } from './list-comments';
import { commentKeys } from './comment-keys';

/** As many as the API gives in one page: the newest, which are the ones a member may still edit. */
const MINE_PER_PAGE = 100;

/**
 * The signed-in member's own comments, every status, newest first (the first page). Public comments
 * carry no member id, so this is how a list knows which of its comments are the reader's own.
 */
export async function listMyComments(signal?: AbortSignal): Promise<CommentPage> {
  const answer = await apiClient.GET('/api/v1/members/me/comments', {
    params: { query: { page: 1, per_page: MINE_PER_PAGE } },
    signal,
  });
  return dataOrThrow(answer);
}

/**
 * The ids of `memberId`'s own comments, or an empty set while unknown (or nobody is signed in:
 * `memberId` undefined). Asked only when `enabled` (there are comments on screen to tell apart).
 */
export function useMyCommentIds(memberId: number | undefined, enabled: boolean): ReadonlySet<number> {
  const mine = useQuery({
    queryKey: commentKeys.mine(memberId ?? 0),
    queryFn: ({ signal }) => listMyComments(signal),
    enabled: enabled && memberId !== undefined,
    select: idsOf,
    // Nobody else adds to one's own comments; this page's own changes update the cache.
    staleTime: 5 * 60 * 1000,
  });
  return (memberId !== undefined ? mine.data : undefined) ?? NONE;
}

const NONE: ReadonlySet<number> = new Set();

/** Outside the hook, so React Query computes the set once per answer rather than once per render. */
function idsOf(page: CommentPage): ReadonlySet<number> {
  return new Set(page.items.map((comment) => comment.id));
}
