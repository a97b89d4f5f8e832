import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { FLAG_FIELDS } from '../article-form';
import { ARTICLE_LABELS, VISIBILITY_LABELS, type ArticleVisibility } from '../fields';
import type { ArticleForm } from '../hooks/use-article-form';
import { CoverThumbnail } from './cover-thumbnail';
import '@/components/ui/field.css';
import '../editorial.css';

const VISIBILITY_OPTIONS = (Object.keys(VISIBILITY_LABELS) as ArticleVisibility[]).map((value) => ({
  value,
  label: VISIBILITY_LABELS[value],
}));

/** 发布设置: the cover, who may read the article, and its marks (推荐, 头条, 置顶, 允许评论). */
export function PublicationFields({ form }: { form: ArticleForm }) {
  const { values, set } = form;
  return (
    <fieldset className="editor__group">
      <legend>发布设置</legend>
      <TextField {...form.textProps('cover_url')} type="url" hint="以 http:// 或 https:// 开头的地址，或上传后得到的 /media/… 路径" />
      <CoverThumbnail url={values.cover_url} />
      <SelectField
        name="visibility"
        label={ARTICLE_LABELS.visibility}
        value={values.visibility}
        onChange={(value) => set('visibility')(value as ArticleVisibility)}
        options={VISIBILITY_OPTIONS}
        hint="会员：登录的会员可读全文；企业会员：审核通过的企业会员可读全文"
      />
      <div className="field">
        <span className="field__label">标记</span>
        <div className="field__control editor__flags">
          {FLAG_FIELDS.map((name) => (
            <label key={name} className="checkbox">
              <input type="checkbox" name={name} checked={values[name]} onChange={(event) => set(name)(event.target.checked)} />
              {ARTICLE_LABELS[name]}
            </label>
          ))}
        </div>
      </div>
    </fieldset>
  );
}
