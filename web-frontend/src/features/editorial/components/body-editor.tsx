import { useRef, type SyntheticEvent } from 'react';
import { TextField } from '@/components/ui/text-field';
import type { ArticleForm } from '../hooks/use-article-form';
import { insertBlock } from '../markdown';
import { ArticlePreview } from './article-preview';
import { MediaUpload } from './media-upload';
import '../editorial.css';

/**
 * The Markdown body beside its preview, and the image upload below, whose 插入正文 puts the image
 * where the caret was last seen in the body.
 */
export function BodyEditor({ form }: { form: ArticleForm }) {
  // Where the caret was last seen in the body, for 插入正文; none until the editor has been in it.
  const bodyCaret = useRef<number | undefined>(undefined);
  const body = form.values.body_markdown;

  const rememberCaret = (event: SyntheticEvent) => {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement && target.name === 'body_markdown') {
      bodyCaret.current = target.selectionEnd;
    }
  };

  /** Puts `markdown` in the body as a paragraph of its own, at the caret or (never placed) at the end. */
  const insertIntoBody = (markdown: string) => {
    const { text, caret } = insertBlock(body, bodyCaret.current ?? body.length, markdown);
    bodyCaret.current = caret;
    form.set('body_markdown')(text);
  };

  return (
    <>
      {/* The body's select and input events bubble here: the caret for 插入正文. */}
      <div className="editor__body" onSelect={rememberCaret} onInput={rememberCaret}>
        <TextField
          {...form.textProps('body_markdown')}
          label="正文（Markdown）"
          multiline
          rows={18}
          hint="空一行分段；## 开头的一行为小标题；![说明](图片地址) 插入图片"
        />
        <ArticlePreview markdown={body} />
      </div>

      <MediaUpload onInsert={insertIntoBody} onCover={form.set('cover_url')} coverUrl={form.values.cover_url} />
    </>
  );
}
