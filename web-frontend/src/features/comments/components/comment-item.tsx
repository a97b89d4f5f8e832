import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { ApiError } from '@/lib/api/client';
import { formatDateTime } from '@/utils/format';
import { useDeleteComment } from '../api/delete-comment';
import type { Comment } from '../api/list-comments';
import { useUpdateComment } from '../api/update-comment';
import { charactersLeft, checkContent } from '../content';
import { commentErrorsFrom } from '../server-errors';
import '../comments.css';

/** A member may change their comment this long after posting it (the API's rule). */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

/** setTimeout's longest delay; a later deadline is simply not reached while the page is open. */
const LONGEST_TIMER_MS = 2_147_483_647;

/** Whether the edit window of a comment posted at `createdAt` is still open; turns false when it closes. */
function useEditWindow(createdAt: string): boolean {
  const deadline = Date.parse(createdAt) + EDIT_WINDOW_MS;
  const [open, setOpen] = useState(() => Date.now() < deadline);
  useEffect(() => {
    const left = deadline - Date.now();
    if (Number.isNaN(left) || left <= 0) {
      return undefined;
    }
    const timer = setTimeout(() => setOpen(false), Math.min(left, LONGEST_TIMER_MS));
    return () => clearTimeout(timer);
  }, [deadline]);
  return open;
}

type CommentItemProps = {
  comment: Comment;
  articleId: number;
  /** The signed-in reader wrote it: 编辑 (within the window) and 删除. */
  own: boolean;
  /** Something the list should say once this comment has left it (deleted, or back in moderation). */
  onNotice: (message: string) => void;
};

/** One comment: who, when, the quoted comment it answers, and its text exactly as written. */
export function CommentItem({ comment, articleId, own, onNotice }: CommentItemProps) {
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [windowClosed, setWindowClosed] = useState(false);
  const windowOpen = useEditWindow(comment.created_at);
  const editButton = useRef<HTMLButtonElement>(null);
  const editable = own && windowOpen && !windowClosed;

  const stopEditing = () => {
    setEditing(false);
    // Back to where the reader was; on the next frame, once the button is on screen again.
    requestAnimationFrame(() => editButton.current?.focus());
  };

  return (
    <li className="comment">
      <p className="comment__meta">
        <span className="comment__author">{comment.author.display_name}</span>
        {comment.author.kind === 'enterprise' && <span className="comment__badge">企业会员</span>}
        <time className="comment__time" dateTime={comment.created_at}>
          {formatDateTime(comment.created_at)}
        </time>
        {comment.edited && <span className="comment__edited">已编辑</span>}
      </p>
      {comment.reply_to && (
        <blockquote className="comment__quote">
          <p className="comment__quote-author">引用 {comment.reply_to.author.display_name} 的评论：</p>
          <p className="comment__text">{comment.reply_to.content}</p>
        </blockquote>
      )}
      {editing ? (
        <EditForm
          comment={comment}
          articleId={articleId}
          onDone={(updated) => {
            stopEditing();
            if (updated.status !== 'approved') {
              onNotice('评论已修改，需经审核后才会重新显示。');
            }
          }}
          onWindowClosed={(message) => {
            setWindowClosed(true);
            setEditing(false);
            setProblem(message);
          }}
          onCancel={stopEditing}
        />
      ) : (
        // Plain text, never HTML: React escapes it, and CSS keeps its line breaks.
        <p className="comment__text">{comment.content}</p>
      )}
      {problem !== undefined && (
        <p className="comment__problem" role="alert">
          {problem}
        </p>
      )}
      {own && !editing && (
        <div className="comment__actions">
          {editable && (
            <button
              ref={editButton}
              type="button"
              className="link-button"
              onClick={() => {
                setProblem(undefined);
                setEditing(true);
              }}
            >
              编辑
            </button>
          )}
          <DeleteControl comment={comment} articleId={articleId} onDeleted={() => onNotice('评论已删除。')} />
        </div>
      )}
    </li>
  );
}

type EditFormProps = {
  comment: Comment;
  articleId: number;
  onDone: (updated: Comment) => void;
  onWindowClosed: (message: string) => void;
  onCancel: () => void;
};

function EditForm({ comment, articleId, onDone, onWindowClosed, onCancel }: EditFormProps) {
  const [content, setContent] = useState(comment.content);
  const [error, setError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const update = useUpdateComment(articleId, { onUpdated: onDone });
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    formRef.current?.querySelector('textarea')?.focus();
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) {
      return;
    }
    const found = checkContent(content);
    setError(found);
    setGeneral([]);
    if (found !== undefined) {
      formRef.current?.querySelector('textarea')?.focus();
      return;
    }
    update.mutate(
      { id: comment.id, content },
      {
        onError: (refusal) => {
          const refused = commentErrorsFrom(refusal);
          if (refusal instanceof ApiError && refusal.code === 'edit_window_closed') {
            onWindowClosed(refused.general.join(' '));
            return;
          }
          setError(refused.fields.content);
          setGeneral(refused.general);
          formRef.current?.querySelector('textarea')?.focus();
        },
      },
    );
  };

  const left = charactersLeft(content);
  return (
    <form ref={formRef} className="comment__edit" noValidate onSubmit={submit} aria-label="修改评论">
      <FormAlert messages={general} />
      <TextField
        label="修改评论内容"
        name="content"
        value={content}
        onChange={setContent}
        error={error}
        required
        multiline
        hint={left >= 0 ? `还可输入 ${left} 字` : `已超出 ${-left} 字`}
      />
      <div className="comment__edit-actions">
        <button type="submit" className="button button--primary" aria-disabled={update.isPending || undefined}>
          {update.isPending ? '正在保存…' : '保存修改'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}

type DeleteControlProps = {
  comment: Comment;
  articleId: number;
  onDeleted: () => void;
};

/** 删除, then a confirmation in place (确定删除 / 取消) before anything is sent. */
function DeleteControl({ comment, articleId, onDeleted }: DeleteControlProps) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteComment(articleId, { onDeleted });
  const deleteButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) {
      cancelButton.current?.focus();
    }
  }, [confirming]);

  if (!confirming) {
    return (
      <button ref={deleteButton} type="button" className="link-button" onClick={() => setConfirming(true)}>
        删除
      </button>
    );
  }
  return (
    <div className="comment__confirm" role="group" aria-label="确认删除">
      <span>确定删除这条评论吗？删除后不能恢复。</span>
      <button
        type="button"
        className="button"
        aria-disabled={remove.isPending || undefined}
        onClick={() => {
          if (!remove.isPending) remove.mutate(comment.id);
        }}
      >
        {remove.isPending ? '正在删除…' : '确定删除'}
      </button>
      <button
        ref={cancelButton}
        type="button"
        className="button"
        onClick={() => {
          setConfirming(false);
          requestAnimationFrame(() => deleteButton.current?.focus());
        }}
      >
        取消
      </button>
      {remove.isError && (
        <span className="comment__problem" role="alert">
          删除未成功：{commentErrorsFrom(remove.error).general.join(' ')}
        </span>
      )}
    </div>
  );
}
