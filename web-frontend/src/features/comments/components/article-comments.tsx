import { useState } from 'react';
import { Panel } from '@/components/ui/panel';
import { useSessionState } from '@/lib/auth/session-context';
import type { Comment } from '../api/list-comments';
import { MEMBER_NOT_APPROVED_MESSAGE, MEMBER_PENDING_MESSAGE } from '../server-errors';
import { CommentForm } from './comment-form';
import { CommentList } from './comment-list';
import '../comments.css';

type ArticleCommentsProps = {
  articleId: number;
  /** Whether the article takes comments (`comments_open`). */
  commentsOpen: boolean;
};

/** Under an article, as on the old page: 发表评论, then 最新相关评论. */
export function ArticleComments({ articleId, commentsOpen }: ArticleCommentsProps) {
  const session = useSessionState();
  const [page, setPage] = useState(1);
  const [closedSinceLoad, setClosedSinceLoad] = useState(false);
  const member = session.status === 'signed-in' ? session.member : undefined;

  const posted = (comment: Comment) => {
    if (comment.status === 'approved') {
      // The new comment is on top of the first page.
      setPage(1);
    }
  };

  let form;
  if (!commentsOpen || closedSinceLoad) {
    form = (
      <p className="article-comments__note" role={closedSinceLoad ? 'status' : undefined}>
        评论已关闭
      </p>
    );
  } else if (session.status === 'restoring') {
    form = (
      <p className="article-comments__note" role="status">
        正在确认登录状态…
      </p>
    );
  } else if (member !== undefined && member.status !== 'active') {
    form = (
      <div className="notice">
        <p>{member.status === 'pending' ? MEMBER_PENDING_MESSAGE : MEMBER_NOT_APPROVED_MESSAGE}</p>
      </div>
    );
  } else {
    // One element for visitor and member alike, so signing in with the form's own button keeps it
    // (and its text, captcha and the request on its way) on screen.
    form = (
      <CommentForm articleId={articleId} member={member} onPosted={posted} onClosed={() => setClosedSinceLoad(true)} />
    );
  }

  return (
    <div className="article-comments">
      <Panel title="发表评论" className="article-comments__form">
        {form}
      </Panel>
      <Panel title="最新相关评论" className="article-comments__list">
        <CommentList articleId={articleId} memberId={member?.id} page={page} onPageChange={setPage} />
      </Panel>
    </div>
  );
}
