// The article's fields as the console shows them. Names are the API's, so a server error names the
// field it belongs to.
import type { components } from '@/lib/api/schema';
import type { ArticleFlag, ArticleStatus } from './api/list-articles';

export type ArticleVisibility = components['schemas']['ArticleVisibility'];

export const ARTICLE_LABELS: Record<string, string> = {
  title: '标题',
  subtitle: '副标题',
  author: '作者',
  author_note: '作者简介',
  source: '来源',
  summary: '摘要',
  body_markdown: '正文',
  cover_url: '封面图片',
  category_id: '栏目',
  visibility: '阅读权限',
  published_at: '发布时间',
  featured: '推荐',
  headline: '头条',
  pinned: '置顶',
  comments_open: '允许评论',
};

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: '草稿',
  pending: '待审',
  published: '已发布',
  archived: '已归档',
};

/** The marks an article may carry, as the editor's checkboxes and the list's filter name them. */
export const FLAG_LABELS: Record<ArticleFlag, string> = {
  featured: ARTICLE_LABELS.featured,
  headline: ARTICLE_LABELS.headline,
  pinned: ARTICLE_LABELS.pinned,
};

export const VISIBILITY_LABELS: Record<ArticleVisibility, string> = {
  public: '公开',
  members: '会员',
  enterprise: '企业会员',
};

/** Whether a published article's time is still to come: it is scheduled, not yet public. */
export function isScheduled(status: string, publishedAt: string | null | undefined, now = Date.now()): boolean {
  return status === 'published' && publishedAt != null && Date.parse(publishedAt) > now;
}

/** 草稿, 已发布, 定时发布 …: the API's status in words, with a scheduled publication told apart. */
export function statusLabel(status: string, publishedAt: string | null | undefined): string {
  if (isScheduled(status, publishedAt)) {
    return '定时发布';
  }
  return STATUS_LABELS[status as ArticleStatus] ?? status;
}
