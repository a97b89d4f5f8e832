import { useEffect, useRef, useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { useArticleComments } from '../api/list-comments';
import { useMyCommentIds } from '../api/my-comments';
import { CommentItem } from './comment-item';
import '../comments.css';

type CommentListProps = {
  articleId: number;
  /** The signed-in reader's id, to tell their own comments apart. */
  memberId: number | undefined;
  page: number;
  onPageChange: (page: number) => void;
};

/** 最新相关评论: the article's approved comments, newest first, a page at a time. */
export function CommentList({ articleId, memberId, page, onPageChange }: CommentListProps) {
  const comments = useArticleComments(articleId, page);
  const mine = useMyCommentIds(memberId, (comments.data?.items.length ?? 0) > 0);
  const [notice, setNotice] = useState<string | undefined>();
  const summary = useRef<HTMLParagraphElement>(null);
  /** Set by 上一页 / 下一页 until the new page is on screen. */
  const moved = useRef(false);
  const totalPages = comments.data?.total_pages ?? 0;
  const showing = comments.data !== undefined && !comments.isPlaceholderData;

  // A page past the end (its last comment was deleted): the last page that has some.
  useEffect(() => {
    if (showing && totalPages > 0 && page > totalPages) {
      onPageChange(totalPages);
    }
  }, [showing, totalPages, page, onPageChange]);

  // After 上一页 / 下一页, the reader continues at the top of the new page.
  useEffect(() => {
    if (moved.current && showing) {
      moved.current = false;
      summary.current?.focus();
    }
  }, [showing, page]);

  if (comments.isPending) {
    return <LoadingState label="正在加载评论…" />;
  }
  if (comments.isError) {
    return <ErrorState title="评论加载失败" error={comments.error} onRetry={() => void comments.refetch()} />;
  }

  const { items, total } = comments.data;
  const go = (target: number) => {
    setNotice(undefined);
    moved.current = true;
    onPageChange(target);
  };

  return (
    <div className="comments">
      {notice !== undefined && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState title="暂无评论" />
      ) : (
        <>
          <p className="comments__summary" ref={summary} tabIndex={-1}>
            共 {total} 条评论{totalPages > 1 && `，第 ${page} / ${totalPages} 页`}
          </p>
          <ol className="comment-list" aria-busy={comments.isPlaceholderData || undefined}>
            {items.map((comment) => (
              <CommentItem
                key={comment.id}
                comment={comment}
                articleId={articleId}
                own={mine.has(comment.id)}
                onNotice={setNotice}
              />
            ))}
          </ol>
        </>
      )}
      {totalPages > 1 && (
        <nav className="comments__pager" aria-label="评论分页">
          <button type="button" className="button" disabled={page <= 1} onClick={() => go(page - 1)}>
            上一页
          </button>
          <span className="comments__page">
            第 {Math.min(page, totalPages)} / {totalPages} 页
          </span>
          <button type="button" className="button" disabled={page >= totalPages} onClick={() => go(page + 1)}>
            下一页
          </button>
        </nav>
      )}
    </div>
  );
}
