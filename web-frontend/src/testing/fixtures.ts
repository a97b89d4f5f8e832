// Sample API answers for component tests, typed by the generated schema so they cannot drift from it.
import type { Article } from '@/features/articles/api/get-article';
import type { CategoryDetail } from '@/features/categories/api/get-category';
import type { CategoryList } from '@/features/categories/api/list-categories';
import type { ArticlePage } from '@/features/categories/api/list-category-articles';
import type { Comment, CommentPage } from '@/features/comments/api/list-comments';
import type { Home } from '@/features/home/api/get-home';
import type { SearchHit, SearchPage } from '@/features/search/api/search-articles';
import type { Site } from '@/features/site/api/get-site';
import type { Member, SessionResponse } from '@/lib/auth/session';

export const site: Site = { name: '当代秘书', description: '秘书工作者的专业期刊', time_zone: 'Asia/Shanghai' };

export const features = { id: 1, name: '特稿', slug: 'features' };
export const activities = { id: 2, name: '活动竞赛', slug: 'activities' };

export const categoryList: CategoryList = {
  items: [
    { ...features, parent_id: null, description: '', sort_order: 0, article_count: 3, depth: 0 },
    { ...activities, parent_id: null, description: '', sort_order: 1, article_count: 2, depth: 0 },
  ],
};

export const seedTitle = '加强秘书队伍建设要坚持“四要”';
const published = '2007-06-19T00:00:00Z';

export const home: Home = {
  categories: [
    {
      category: features,
      articles: [
        { id: 6, category_id: 1, title: '优质服务助推新型工业化', published_at: published },
        { id: 5, category_id: 1, title: seedTitle, published_at: published },
        { id: 4, category_id: 1, title: '充分发挥党委办公室在促进发', published_at: published },
      ],
    },
    {
      category: activities,
      articles: [
        { id: 12, category_id: 2, title: '秘书竞赛领证通知', published_at: published },
        { id: 11, category_id: 2, title: '秘书竞赛部分照片', published_at: published },
      ],
    },
  ],
  featured: [{ id: 5, category_id: 1, title: seedTitle, published_at: published }],
  most_viewed_week: [
    { id: 5, category_id: 1, title: seedTitle, views: 42 },
    { id: 6, category_id: 1, title: '优质服务助推新型工业化', views: 7 },
  ],
  latest_comments: [],
};

export const featuresDetail: CategoryDetail = {
  category: categoryList.items[0],
  breadcrumb: [features],
};

/** A list item as `GET /api/v1/articles` returns it. */
export function listItem(id: number, title: string): ArticlePage['items'][number] {
  return {
    id,
    category_id: 1,
    title,
    author: '',
    summary: '',
    featured: false,
    headline: false,
    pinned: false,
    published_at: published,
    views: 0,
    comment_count: 0,
    visibility: 'public',
  };
}

export const seedArticle: Article = {
  id: 5,
  category_id: 1,
  title: seedTitle,
  subtitle: null,
  author: '周辉',
  author_note: '作者系中共溆浦县委书记',
  source: null,
  summary: '',
  body_markdown: '秘书工作是党委、政府的一项重要工作。\n\n## 一、政治上要忠诚可靠\n\n忠诚可靠。',
  body_html: '<p>秘书工作是党委、政府的一项重要工作。</p>\n<h2>一、政治上要忠诚可靠</h2>\n<p>忠诚可靠。</p>',
  cover_url: null,
  featured: false,
  headline: false,
  pinned: false,
  status: 'published',
  published_at: published,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  views: 493,
  comment_count: 0,
  comments_open: true,
  visibility: 'public',
  restricted: null,
  trashed_at: null,
  breadcrumb: [features],
  prev: { id: 4, title: '充分发挥党委办公室在促进发' },
  next: { id: 6, title: '优质服务助推新型工业化' },
  related: [
    { id: 7, title: '办公室人员要爱岗、敬业、创' },
    { id: 12, title: '秘书竞赛领证通知' },
  ],
};

/** A personal member as `members/me` returns them. */
export const personalMember: Member = {
  id: 7,
  username: 'zhouhui',
  display_name: '周辉',
  kind: 'personal',
  role: 'member',
  status: 'active',
  email: 'zhou@example.org',
  phone: null,
  real_name: null,
  organisation: '中共溆浦县委办公室',
  position: null,
  company_name: null,
  credit_code: null,
  contact_person: null,
  contact_phone: null,
  address: null,
  website: null,
  industry: null,
  introduction: null,
  created_at: '2026-01-02T03:04:05Z',
};

/** An enterprise member whose account waits for an admin's review. */
export const pendingEnterprise: Member = {
  ...personalMember,
  id: 8,
  username: 'mishu-co',
  display_name: '秘书文化有限公司',
  kind: 'enterprise',
  status: 'pending',
  email: 'office@example.org',
  organisation: null,
  company_name: '秘书文化有限公司',
  credit_code: '91350100M000100Y43',
  contact_person: '张三',
  contact_phone: '0591-1234567',
};

/** A signed-in session for `member`, as login, registration and refresh answer. */
export function sessionFor(member: Member, accessToken = 'token-1'): SessionResponse {
  return { access_token: accessToken, token_type: 'Bearer', expires_in: 900, member };
}

/** A page of comments as `GET /api/v1/articles/{id}/comments` returns it (10 a page). */
export function commentPage(items: Comment[], page = 1, total = items.length): CommentPage {
  return { items, page, per_page: 10, total, total_pages: Math.ceil(total / 10) };
}

/** An approved comment on the seed article by `personalMember`, written `minutesAgo` minutes ago. */
export function approvedComment(id: number, content: string, minutesAgo = 60): Comment {
  return {
    id,
    article_id: 5,
    author: { display_name: '周辉', kind: 'personal' },
    content,
    status: 'approved',
    created_at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    edited: false,
    reply_to: null,
  };
}

/** An editor: the console's articles, categories, comments and tokens, not its members or audit log. */
export const editorMember: Member = {
  ...personalMember,
  id: 3,
  username: 'bianji',
  display_name: '李编辑',
  role: 'editor',
};

export const adminMember: Member = { ...editorMember, id: 1, username: 'admin', display_name: '管理员', role: 'admin' };

/** A draft as editors get it from `GET /api/v1/articles/{id}` (with its ETag beside it). */
export const draftArticle: Article = {
  ...seedArticle,
  id: 42,
  title: '秘书工作的新要求',
  author: '李编辑',
  author_note: null,
  summary: '新形势下的秘书工作',
  body_markdown: '## 一、总体要求\n\n做好秘书工作。',
  body_html: '<h2>一、总体要求</h2>\n<p>做好秘书工作。</p>',
  status: 'draft',
  published_at: null,
  views: 0,
  prev: null,
  next: null,
  related: [],
};

/**
 * A hit as `GET /api/v1/search` returns it: the list item, and the title and a passage as the API's
 * escaped HTML with `<mark>` around the matches.
 */
export function searchHit(
  article: ArticlePage['items'][number],
  titleHtml: string,
  snippetHtml = '',
  inTitle = true,
): SearchHit {
  return { article, title_html: titleHtml, snippet_html: snippetHtml, in_title: inTitle };
}

/** The hits for 秘书 on the demo site: three titles, the seed article's passage marked. */
export const secretaryHits: SearchHit[] = [
  searchHit(
    listItem(5, seedTitle),
    '加强<mark>秘书</mark>队伍建设要坚持“四要”',
    '<mark>秘书</mark>工作是党委、政府的一项重要工作，随着形势的发展变化，<mark>秘书</mark>工作的地位日益凸显…',
  ),
  searchHit({ ...listItem(12, '秘书竞赛领证通知'), category_id: 2 }, '<mark>秘书</mark>竞赛领证通知', '（demo）'),
  searchHit({ ...listItem(11, '秘书竞赛部分照片'), category_id: 2 }, '<mark>秘书</mark>竞赛部分照片', '（demo）'),
];

/** A page of hits, 20 a page as the results page asks. */
export function searchPage(items: SearchHit[], page = 1, total = items.length): SearchPage {
  return { items, page, per_page: 20, total, total_exact: true, total_pages: Math.ceil(total / 20) };
}
