import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { isNotFound } from '@/lib/api/client';
import { useEditorialArticle, type VersionedArticle } from '../api/get-article';
import type { Category } from '../article-form';
import { useArticleForm } from '../hooks/use-article-form';
import { BodyEditor } from './body-editor';
import { EditorActions } from './editor-actions';
import { EditorNotices } from './editor-notices';
import { MetadataFields } from './metadata-fields';
import { PublicationFields } from './publication-fields';
import { RevisionsPanel } from './revisions-panel';

type ArticleEditorProps = {
  /** Absent for a new article. */
  articleId?: number;
  categories: readonly Category[];
  /** After the first save of a new article, which has an address of its own from then on. */
  onCreated: (saved: VersionedArticle, notice: string) => void;
  /** After the article went to the trash. */
  onTrashed: (title: string) => void;
  /** Said when the page opens (after the first save, say). */
  notice?: string;
};

/** 新建文章 or 编辑文章: the form, a live preview of the body, the actions and (for an article) its revisions. */
export function ArticleEditor({ articleId, categories, onCreated, onTrashed, notice }: ArticleEditorProps) {
  if (articleId === undefined) {
    return <EditorForm categories={categories} onCreated={onCreated} onTrashed={onTrashed} />;
  }
  return <ExistingArticle id={articleId} categories={categories} onCreated={onCreated} onTrashed={onTrashed} notice={notice} />;
}

type Replacement = { versioned: VersionedArticle; generation: number; notice?: string };

function ExistingArticle({ id, categories, onCreated, onTrashed, notice }: ArticleEditorProps & { id: number }) {
  const article = useEditorialArticle(id);
  // A newer version the form must start again from (after 重新载入 or restoring a revision).
  const [replaced, setReplaced] = useState<Replacement | undefined>();

  // Once there is a version the form stays: a failed 重新载入 must not take the editor's text away.
  const current = replaced?.versioned ?? article.data;
  if (current === undefined) {
    if (article.isError) {
      if (isNotFound(article.error)) {
        return (
          <EmptyState title="文章不存在">
            <p>
              这篇文章可能已被永久删除。<Link to="/admin/articles">返回文章列表</Link>
            </p>
          </EmptyState>
        );
      }
      return <ErrorState title="文章加载失败" error={article.error} onRetry={() => void article.refetch()} />;
    }
    return <LoadingState label="正在加载文章…" />;
  }

  const replace = (versioned: VersionedArticle, message?: string) =>
    setReplaced((previous) => ({ versioned, generation: (previous?.generation ?? 0) + 1, notice: message }));

  return (
    <EditorForm
      // A new generation starts the form again from the version it was given.
      key={replaced?.generation ?? 0}
      initial={current}
      categories={categories}
      onCreated={onCreated}
      onTrashed={onTrashed}
      notice={replaced ? replaced.notice : notice}
      onReplaced={replace}
      onReload={async () => {
        const reloaded = await article.refetch();
        if (reloaded.isError || reloaded.data === undefined) {
          throw reloaded.error ?? new Error('the article could not be read again');
        }
        replace(reloaded.data, '已载入最新版本。');
      }}
    />
  );
}

type EditorFormProps = Omit<ArticleEditorProps, 'articleId'> & {
  /** The version the form starts from; absent for a new article. */
  initial?: VersionedArticle;
  onReplaced?: (versioned: VersionedArticle, notice?: string) => void;
  onReload?: () => Promise<void>;
};

function EditorForm({ initial, categories, onCreated, onTrashed, notice, onReplaced, onReload }: EditorFormProps) {
  const { form, formRef, noticeRef, stayButtonRef } = useArticleForm({ initial, openingNotice: notice, onCreated, onTrashed, onReload });
  const { saved, article } = form;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Enter in a field saves without changing the status.
    form.perform('save');
  };

  return (
    <div className="editor">
      <form ref={formRef} className="editor__form" noValidate onSubmit={submit} aria-label={article ? '编辑文章' : '新建文章'}>
        <EditorNotices form={form} noticeRef={noticeRef} stayButtonRef={stayButtonRef} />
        <MetadataFields form={form} categories={categories} />
        <BodyEditor form={form} />
        <PublicationFields form={form} />
        <EditorActions form={form} />
      </form>
      {saved && onReplaced && (
        <RevisionsPanel
          articleId={saved.article.id}
          etag={saved.etag}
          onRestored={(versioned) => onReplaced(versioned, '已恢复到所选版本。')}
        />
      )}
    </div>
  );
}
