// 评论审核 (`/admin/comments`): the comments of one status, a page at a time.
import { useNavigate, useSearchParams } from 'react-router';
import type { CommentStatus } from '@/features/moderation/api/list-comments';
import { CommentQueue, COMMENT_STATUS_LABELS } from '@/features/moderation/components/comment-queue';
import { parsePage } from '../category';
import { ConsolePage } from './console-page';

/** `?status=spam&page=2`; the queue of comments waiting for review unless said otherwise. */
export function parseCommentStatus(raw: string | null): CommentStatus {
  return raw !== null && raw in COMMENT_STATUS_LABELS ? (raw as CommentStatus) : 'pending';
}

function commentsHref(status: CommentStatus, page: number): string {
  const search = new URLSearchParams();
  if (status !== 'pending') search.set('status', status);
  if (page > 1) search.set('page', String(page));
  const query = search.toString();
  return query === '' ? '/admin/comments' : `/admin/comments?${query}`;
}

export function CommentsPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const status = parseCommentStatus(searchParams.get('status'));
  return (
    <ConsolePage title="评论审核">
      <CommentQueue
        status={status}
        page={parsePage(searchParams.get('page'))}
        hrefFor={commentsHref}
        onStatusChange={(next) => void navigate(commentsHref(next, 1))}
      />
    </ConsolePage>
  );
}
