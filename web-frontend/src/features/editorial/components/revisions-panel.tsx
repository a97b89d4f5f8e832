import { useState } from 'react';
import { InlineConfirm } from '@/components/ui/inline-confirm';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { formatDateTime } from '@/utils/format';
import type { VersionedArticle } from '../api/get-article';
import { useRevisions } from '../api/list-revisions';
import { useUpdateArticle } from '../api/save-article';
import { CONFLICT_MESSAGE, editorProblemsFrom } from '../server-errors';
import '@/components/ui/panel.css';
import '../editorial.css';

type RevisionsPanelProps = {
  articleId: number;
  /** The version the editor has: a restore is a change like any other and is refused on a stale one. */
  etag: string;
  onRestored: (versioned: VersionedArticle) => void;
};

/** 历史版本: the texts each change replaced, newest first, each of which can be put back. */
export function RevisionsPanel({ articleId, etag, onRestored }: RevisionsPanelProps) {
  const [open, setOpen] = useState(false);
  const revisions = useRevisions(articleId, open);
  const restore = useUpdateArticle();
  const [problem, setProblem] = useState<string | undefined>();

  const put = (revisionId: number) => {
    setProblem(undefined);
    restore.mutate(
      { id: articleId, etag, changes: { restore_revision: revisionId } },
      {
        onSuccess: onRestored,
        onError: (error) => {
          const problems = editorProblemsFrom(error);
          setProblem(problems.conflict ? `${CONFLICT_MESSAGE}请先重新载入。` : [...problems.general, ...Object.values(problems.fields)].join(' '));
        },
      },
    );
  };

  return (
    <details className="panel revisions" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="panel__title revisions__summary">历史版本</summary>
      <div className="panel__body">
        {!open ? null : revisions.isPending ? (
          <LoadingState label="正在加载历史版本…" />
        ) : revisions.isError ? (
          <ErrorState title="历史版本加载失败" error={revisions.error} onRetry={() => void revisions.refetch()} />
        ) : revisions.data.length === 0 ? (
          <p className="revisions__empty">还没有历史版本。修改标题、摘要或正文并保存后，之前的文字会保存在这里。</p>
        ) : (
          <>
            <p className="revisions__intro">每次修改标题、摘要或正文，之前的文字都会保存为一个版本。恢复后，当前文字也会保存为新的版本。</p>
            {problem && (
              <p className="form-alert" role="alert">
                {problem}
              </p>
            )}
            <ol className="revisions__list">
              {revisions.data.map((revision) => (
                <li key={revision.id} className="revisions__item">
                  <p className="revisions__meta">
                    <time dateTime={revision.created_at}>{formatDateTime(revision.created_at)}</time> 被替换的版本
                  </p>
                  <p className="revisions__title">{revision.title}</p>
                  <details className="revisions__text">
                    <summary>查看这一版的摘要和正文</summary>
                    {revision.summary !== '' && <p className="revisions__summary-text">摘要：{revision.summary}</p>}
                    <pre className="revisions__body">{revision.body_markdown}</pre>
                  </details>
                  <InlineConfirm
                    label="恢复此版本"
                    question="恢复后，标题、摘要和正文将换成这一版，页面上尚未保存的修改将被放弃。"
                    confirmLabel="确定恢复"
                    busy={restore.isPending}
                    onConfirm={() => put(revision.id)}
                  />
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </details>
  );
}
