import type { RefObject } from 'react';
import { Link } from 'react-router';
import { FormAlert } from '@/components/ui/form-alert';
import { formatDateTime } from '@/utils/format';
import { statusLabel } from '../fields';
import type { ArticleForm } from '../hooks/use-article-form';
import { CONFLICT_MESSAGE } from '../server-errors';
import '../editorial.css';

/**
 * What the editor is told above the fields: the article's status, the question before leaving with
 * unsaved changes, a conflict with someone else's save, the trash, the server's refusals, the last
 * action's outcome.
 */
type EditorNoticesProps = {
  form: ArticleForm;
  /** The outcome of an action gets the focus, so that it is read out. */
  noticeRef: RefObject<HTMLParagraphElement | null>;
  /** 留在本页, focused when the question before leaving is asked. */
  stayButtonRef: RefObject<HTMLButtonElement | null>;
};

export function EditorNotices({ form, noticeRef, stayButtonRef }: EditorNoticesProps) {
  const { article, blocker } = form;
  return (
    <>
      {article && (
        <p className="editor__status">
          状态：<strong>{statusLabel(article.status, article.published_at)}</strong>
          {article.published_at && <span>（发布时间 {formatDateTime(article.published_at)}）</span>}
          {form.live && (
            <>
              {' '}
              <Link to={`/a/${article.id}`}>在网站上查看</Link>
            </>
          )}
        </p>
      )}
      {blocker.state === 'blocked' && (
        <div className="notice editor__leave" role="alertdialog" aria-label="离开本页">
          <p>有尚未保存的修改，离开本页将放弃这些修改。</p>
          <button type="button" className="button" onClick={() => blocker.proceed()}>
            放弃修改并离开
          </button>{' '}
          <button ref={stayButtonRef} type="button" className="button button--primary" onClick={() => blocker.reset()}>
            留在本页
          </button>
        </div>
      )}
      {form.conflict && (
        <div className="form-alert editor__conflict" role="alert">
          <p>
            <strong>{CONFLICT_MESSAGE}</strong>
          </p>
          <p>重新载入会显示最新的版本，并放弃本页中尚未保存的修改；需要保留的内容请先复制。</p>
          {form.reloadProblem && <p>{form.reloadProblem}</p>}
          <button type="button" className="button" onClick={form.reload}>
            重新载入
          </button>
        </div>
      )}
      {article?.trashed_at && (
        <div className="notice editor__trashed" role="note">
          <p>本文在回收站中，读者看不到它。</p>
          <button type="button" className="button" onClick={form.untrash}>
            移出回收站
          </button>
        </div>
      )}
      <FormAlert messages={form.general} />
      {form.notice && (
        <p ref={noticeRef} className="form-success" role="status" tabIndex={-1}>
          {form.notice}
        </p>
      )}
    </>
  );
}
