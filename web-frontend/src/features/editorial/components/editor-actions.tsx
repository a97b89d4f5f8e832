import { InlineConfirm } from '@/components/ui/inline-confirm';
import { TextField } from '@/components/ui/text-field';
import { siteTimeLabel } from '@/utils/format';
import type { ArticleForm } from '../hooks/use-article-form';
import '../editorial.css';

/**
 * The buttons under the form, as the status allows: 保存, 立即发布, 撤回为草稿, 定时发布 with its
 * time (on the site's clock, Beijing time by default), and 移到回收站 after a confirmation.
 */
export function EditorActions({ form }: { form: ArticleForm }) {
  const { article, status, scheduled, busy, perform } = form;
  return (
    <div className="editor__actions">
      {form.dirty && <p className="editor__dirty">有尚未保存的修改</p>}
      <div className="editor__buttons">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {status === 'new' || status === 'draft' ? '保存草稿' : '保存修改'}
        </button>
        {(status === 'new' || status === 'draft' || status === 'pending' || scheduled) && (
          <button type="button" className="button button--primary" aria-disabled={busy || undefined} onClick={() => perform('publish')}>
            立即发布
          </button>
        )}
        {status !== 'new' && status !== 'draft' && (
          <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => perform('unpublish')}>
            撤回为草稿
          </button>
        )}
      </div>
      {status !== 'archived' && (status !== 'published' || scheduled) && (
        <div className="editor__schedule">
          <TextField
            name="published_at"
            label={`发布时间（${siteTimeLabel()}）`}
            type="datetime-local"
            value={form.publishAt}
            onChange={form.changePublishAt}
            error={form.errors.published_at}
          />
          <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => perform('schedule')}>
            定时发布
          </button>
        </div>
      )}
      {busy && (
        <p className="editor__busy" role="status">
          正在保存…
        </p>
      )}
      {article && !article.trashed_at && (
        <div className="editor__danger">
          <InlineConfirm
            label="移到回收站"
            question="确定把本文移到回收站吗？读者将看不到它，可在回收站中找回。"
            confirmLabel="移到回收站"
            busy={busy}
            onConfirm={form.moveToTrash}
          />
        </div>
      )}
    </div>
  );
}
