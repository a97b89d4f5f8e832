import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import type { Category } from '../article-form';
import { ARTICLE_LABELS } from '../fields';
import type { ArticleForm } from '../hooks/use-article-form';
import '../editorial.css';

function categoryOptions(categories: readonly Category[]) {
  return [
    { value: '', label: '（请选择）' },
    // Indented by depth, as the tree goes; full-width spaces keep their width in a select.
    ...categories.map((category) => ({ value: String(category.id), label: `${'　'.repeat(category.depth)}${category.name}` })),
  ];
}

/** 文章信息: title, byline, source, category and summary. */
export function MetadataFields({ form, categories }: { form: ArticleForm; categories: readonly Category[] }) {
  return (
    <fieldset className="editor__group">
      <legend>文章信息</legend>
      <TextField {...form.textProps('title')} required maxLength={200} />
      <TextField {...form.textProps('subtitle')} />
      <TextField {...form.textProps('author')} hint="署名，如：周辉" />
      <TextField {...form.textProps('author_note')} hint="显示在正文之后，如：作者系中共溆浦县委书记" />
      <TextField {...form.textProps('source')} hint="转载时填写原刊或原网站" />
      <SelectField
        name="category_id"
        label={ARTICLE_LABELS.category_id}
        value={form.values.category_id}
        onChange={form.set('category_id')}
        options={categoryOptions(categories)}
        error={form.errors.category_id}
        required
      />
      <TextField {...form.textProps('summary')} multiline rows={3} hint="列表和首页推荐中显示，最多 1000 字" />
    </fieldset>
  );
}
