import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { FormAlert } from '@/components/ui/form-alert';
import { InlineConfirm } from '@/components/ui/inline-confirm';
import { Pagination } from '@/components/ui/pagination';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { problemMessage } from '@/lib/api/problem-messages';
import { formatDateTime } from '@/utils/format';
import { useBulkModerate, type BulkAction } from '../api/bulk-moderate';
import { useModerationComments, type AdminComment, type CommentStatus } from '../api/list-comments';
import '@/components/ui/console.css';
import '../moderation.css';

export const COMMENT_STATUS_LABELS: Record<CommentStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已拒绝',
  spam: '垃圾评论',
};

const ACTION_LABELS: Record<BulkAction, string> = { approve: '通过', reject: '拒绝', spam: '标为垃圾', delete: '删除' };
const DONE_LABELS: Record<BulkAction, string> = { approve: '已通过', reject: '已拒绝', spam: '已标为垃圾', delete: '已删除' };

/** The actions that change something for comments in `status`. */
function actionsFor(status: CommentStatus): Array<Exclude<BulkAction, 'delete'>> {
  const all: Array<[Exclude<BulkAction, 'delete'>, CommentStatus]> = [
    ['approve', 'approved'],
    ['reject', 'rejected'],
    ['spam', 'spam'],
  ];
  return all.filter(([, result]) => result !== status).map(([action]) => action);
}

type CommentQueueProps = {
  status: CommentStatus;
  page: number;
  hrefFor: (status: CommentStatus, page: number) => string;
  onStatusChange: (status: CommentStatus) => void;
};

/** 评论审核: the comments of one status, a page at a time, to approve, reject or delete in bulk. */
export function CommentQueue({ status, page, hrefFor, onStatusChange }: CommentQueueProps) {
  const comments = useModerationComments(status, page);
  const statusId = useId();
  const [notice, setNotice] = useState<string | undefined>();

  return (
    <>
      <div className="console-toolbar">
        <div className="console-filters">
          <label htmlFor={statusId}>状态</label>
          <select id={statusId} value={status} onChange={(event) => onStatusChange(event.target.value as CommentStatus)}>
            {(Object.keys(COMMENT_STATUS_LABELS) as CommentStatus[]).map((value) => (
              <option key={value} value={value}>
                {COMMENT_STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {notice && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
      {comments.isPending ? (
        <LoadingState label="正在加载评论…" />
      ) : comments.isError ? (
        <ErrorState title="评论加载失败" error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.data.items.length === 0 ? (
        <EmptyState title={status === 'pending' ? '没有待审核的评论' : `没有${COMMENT_STATUS_LABELS[status]}的评论`} />
      ) : (
        <>
          <p className="console-summary">共 {comments.data.total} 条</p>
          <SelectableComments
            // A new page or status starts with nothing selected.
            key={`${status}-${page}-${comments.data.items.map((item) => item.id).join(',')}`}
            status={status}
            items={comments.data.items}
            busy={comments.isPlaceholderData}
            onDone={setNotice}
          />
          {comments.data.total_pages > 1 && (
            <Pagination page={page} totalPages={comments.data.total_pages} hrefFor={(n) => hrefFor(status, n)} />
          )}
        </>
      )}
    </>
  );
}

type SelectableCommentsProps = {
  status: CommentStatus;
  items: AdminComment[];
  busy: boolean;
  onDone: (notice: string) => void;
};

function SelectableComments({ status, items, busy, onDone }: SelectableCommentsProps) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [problem, setProblem] = useState<string | undefined>();
  const bulk = useBulkModerate();
  const allBox = useRef<HTMLInputElement>(null);
  const allSelected = selected.size === items.length;
  const someSelected = selected.size > 0 && !allSelected;

  // "Some of them": a state only the DOM property can show.
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = someSelected;
  }, [someSelected]);

  const toggle = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  const run = (action: BulkAction) => {
    if (bulk.isPending || selected.size === 0) return;
    setProblem(undefined);
    bulk.mutate(
      { action, ids: [...selected] },
      {
        onSuccess: (affected) => onDone(`${DONE_LABELS[action]} ${affected} 条评论。`),
        onError: (error) => setProblem(problemMessage(error)),
      },
    );
  };

  const none = selected.size === 0;
  return (
    <div className="moderation">
      <div className="moderation__bar" role="group" aria-label="批量操作">
        <label className="checkbox">
          <input
            ref={allBox}
            type="checkbox"
            checked={allSelected}
            onChange={(event) => setSelected(event.target.checked ? new Set(items.map((item) => item.id)) : new Set())}
          />
          全选本页
        </label>
        <span className="moderation__count" aria-live="polite">
          已选 {selected.size} 条
        </span>
        {actionsFor(status).map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'approve' ? 'button button--primary' : 'button'}
            aria-disabled={none || bulk.isPending || undefined}
            onClick={() => run(action)}
          >
            {ACTION_LABELS[action]}
          </button>
        ))}
        {!none && (
          <InlineConfirm
            label="删除"
            question={`确定永久删除所选的 ${selected.size} 条评论吗？`}
            confirmLabel="确定删除"
            busy={bulk.isPending}
            onConfirm={() => run('delete')}
          />
        )}
      </div>
      <FormAlert messages={problem ? [problem] : []} />
      <ul className="console-list" aria-busy={busy || bulk.isPending || undefined}>
        {items.map((comment) => (
          <li key={comment.id} className="console-list__item moderation__item">
            <label className="moderation__select">
              <input type="checkbox" checked={selected.has(comment.id)} onChange={(event) => toggle(comment.id, event.target.checked)} />
              <span className="visually-hidden">选择 {comment.author.display_name} 的评论</span>
            </label>
            <div className="moderation__comment">
              <p className="console-list__meta">
                <strong className="moderation__author">{comment.author.display_name}</strong>
                {comment.author.kind === 'enterprise' && <span className="moderation__badge">企业会员</span>}
                <time dateTime={comment.created_at}>{formatDateTime(comment.created_at)}</time>
                {comment.edited && <span className="moderation__edited">已编辑</span>}
                <span>
                  评《<Link to={`/a/${comment.article_id}`}>{comment.article_title}</Link>》
                </span>
              </p>
              {/* Plain text as written: never HTML. */}
              <p className="moderation__text">{comment.content}</p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
