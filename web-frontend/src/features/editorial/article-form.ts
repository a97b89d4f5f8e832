// The editor's form as values, and what a save sends of them: only what changed, with the status
// move of the button that was pressed.
import type { components } from '@/lib/api/schema';
import { formatDateTime, siteTimeLabel } from '@/utils/format';
import type { EditorialArticle } from './api/get-article';
import type { CreateArticleRequest, UpdateArticleRequest } from './api/save-article';
import { isScheduled, type ArticleVisibility } from './fields';

export type Category = components['schemas']['CategoryResponse'];

/** The texts of the form, by the API's names; all of them may be sent as they are. */
export const TEXT_FIELDS = [
  'title',
  'subtitle',
  'author',
  'author_note',
  'source',
  'summary',
  'body_markdown',
  'cover_url',
] as const satisfies ReadonlyArray<keyof UpdateArticleRequest & keyof CreateArticleRequest>;
export const FLAG_FIELDS = ['featured', 'headline', 'pinned', 'comments_open'] as const satisfies ReadonlyArray<
  keyof UpdateArticleRequest & keyof CreateArticleRequest
>;

export type TextName = (typeof TEXT_FIELDS)[number];
export type FlagName = (typeof FLAG_FIELDS)[number];

export type Values = Record<TextName, string> &
  Record<FlagName, boolean> & {
    /** The category's id as the select holds it; empty until one is chosen. */
    category_id: string;
    visibility: ArticleVisibility;
  };

/** What the editor does with the form: each button is one of these. */
export type Intent = 'save' | 'publish' | 'schedule' | 'unpublish';

export function valuesOf(article: EditorialArticle | undefined): Values {
  return {
    title: article?.title ?? '',
    subtitle: article?.subtitle ?? '',
    author: article?.author ?? '',
    author_note: article?.author_note ?? '',
    source: article?.source ?? '',
    summary: article?.summary ?? '',
    body_markdown: article?.body_markdown ?? '',
    cover_url: article?.cover_url ?? '',
    featured: article?.featured ?? false,
    headline: article?.headline ?? false,
    pinned: article?.pinned ?? false,
    comments_open: article?.comments_open ?? true,
    category_id: article ? String(article.category_id) : '',
    visibility: article?.visibility ?? 'public',
  };
}

/** The body is sent as typed (its whitespace is Markdown); other texts trimmed, as the API stores them. */
function textOf(name: TextName, values: Values): string {
  return name === 'body_markdown' ? values[name] : values[name].trim();
}

/** Only what differs from the saved version; an emptied optional text is sent empty, which clears it. */
export function changesFrom(base: Values, values: Values): UpdateArticleRequest {
  const changes: UpdateArticleRequest = {};
  for (const name of TEXT_FIELDS) {
    const now = textOf(name, values);
    if (now !== base[name]) {
      changes[name] = now;
    }
  }
  for (const name of FLAG_FIELDS) {
    if (values[name] !== base[name]) {
      changes[name] = values[name];
    }
  }
  if (values.category_id !== base.category_id) {
    changes.category_id = Number(values.category_id);
  }
  if (values.visibility !== base.visibility) {
    changes.visibility = values.visibility;
  }
  return changes;
}

export function createBody(values: Values): CreateArticleRequest {
  const body: CreateArticleRequest = { title: values.title.trim(), category_id: Number(values.category_id) };
  for (const name of TEXT_FIELDS) {
    const text = textOf(name, values);
    if (text !== '') {
      body[name] = text;
    }
  }
  for (const name of FLAG_FIELDS) {
    body[name] = values[name];
  }
  body.visibility = values.visibility;
  return body;
}

/** What both a new article and a change say about publication. */
type StatusChange = Pick<CreateArticleRequest & UpdateArticleRequest, 'status' | 'published_at'>;

/** The status move of an intent. `publishAt` is the scheduled time, already checked. */
export function statusChange(intent: Intent, article: EditorialArticle | undefined, publishAt: string | undefined): StatusChange {
  switch (intent) {
    case 'save':
      return article === undefined ? { status: 'draft' } : {};
    case 'publish':
      // A scheduled article keeps its future time unless told otherwise; any other gets now from the API.
      return article !== undefined && isScheduled(article.status, article.published_at)
        ? { status: 'published', published_at: new Date().toISOString() }
        : { status: 'published' };
    case 'schedule':
      return { status: 'published', published_at: publishAt };
    case 'unpublish':
      return { status: 'draft' };
  }
}

export function noticeFor(intent: Intent, article: EditorialArticle, created: boolean): string {
  switch (intent) {
    case 'save':
      return created ? '草稿已保存。' : '修改已保存。';
    case 'publish':
      return '文章已发布。';
    case 'schedule':
      return `已设为定时发布，将于 ${formatDateTime(article.published_at)}（${siteTimeLabel()}）发布。`;
    case 'unpublish':
      return '已撤回为草稿，读者将看不到本文。';
  }
}
