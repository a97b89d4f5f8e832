import { useId } from 'react';
import { problemMessage } from '@/lib/api/problem-messages';
import { usePreview } from '../api/preview-article';
import '@/components/ui/article-body.css';
import '@/components/ui/field.css';
import '../editorial.css';

/** 预览: the body as readers will see it, rendered by the API a moment after typing pauses. */
export function ArticlePreview({ markdown }: { markdown: string }) {
  const preview = usePreview(markdown);
  const titleId = useId();
  return (
    <section className="editor__preview" aria-labelledby={titleId} aria-busy={preview.behind || preview.isFetching || undefined}>
      <h2 className="editor__preview-title" id={titleId}>
        预览
        {(preview.behind || preview.isFetching) && !preview.empty && <span className="editor__preview-state">（正在更新…）</span>}
      </h2>
      {preview.empty ? (
        <p className="editor__preview-empty">正文为空。在左侧输入正文后，这里显示读者看到的样子。</p>
      ) : preview.isError ? (
        <p className="field__error" role="alert">
          预览失败：{problemMessage(preview.error)}
        </p>
      ) : preview.data === undefined ? (
        <p className="editor__preview-empty">正在生成预览…</p>
      ) : (
        /* Rendered and sanitised by the API (PreviewResponse.body_html), exactly as article pages insert it. */
        <div className="article__body editor__preview-body" dangerouslySetInnerHTML={{ __html: preview.data.body_html }} />
      )}
    </section>
  );
}
