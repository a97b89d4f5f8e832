// 文章管理 (`/admin/articles`): the editorial list, its filters kept in the address.
import { useNavigate, useSearchParams } from 'react-router';
import type { ArticleFlag } from '@/features/editorial/api/list-articles';
import { ArticleList, type ArticleListState, type ArticleView } from '@/features/editorial/components/article-list';
import { parsePage } from '../category';
import { ConsolePage, WithCategories } from './console-page';

const ARTICLE_VIEWS: readonly ArticleView[] = ['all', 'draft', 'pending', 'published', 'archived', 'trash'];
const ARTICLE_FLAGS: readonly ArticleFlag[] = ['featured', 'headline', 'pinned'];

/**
 * `?view=draft&category=features&flag=headline&q=…&page=2`: anything unreadable is the first page of
 * all articles (a category the site does not have is dropped by the list, which knows the categories).
 */
export function parseArticleListState(search: URLSearchParams): ArticleListState {
  const view = search.get('view');
  const flag = search.get('flag');
  return {
    view: ARTICLE_VIEWS.includes(view as ArticleView) ? (view as ArticleView) : 'all',
    category: search.get('category')?.trim() ?? '',
    flag: ARTICLE_FLAGS.includes(flag as ArticleFlag) ? (flag as ArticleFlag) : '',
    q: search.get('q') ?? '',
    page: parsePage(search.get('page')),
  };
}

function articleListHref({ view, category, flag, q, page }: ArticleListState): string {
  const search = new URLSearchParams();
  if (view !== 'all') search.set('view', view);
  if (category !== '') search.set('category', category);
  if (flag !== '') search.set('flag', flag);
  if (q.trim() !== '') search.set('q', q.trim());
  if (page > 1) search.set('page', String(page));
  const query = search.toString();
  return query === '' ? '/admin/articles' : `/admin/articles?${query}`;
}

export function ArticlesPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const state = parseArticleListState(searchParams);
  return (
    <ConsolePage title="文章管理">
      <WithCategories>
        {(categories) => (
          <ArticleList
            // A search typed elsewhere (后退) starts the search box afresh.
            key={state.q}
            state={state}
            hrefFor={articleListHref}
            onChange={(next) => void navigate(articleListHref(next))}
            categories={categories}
          />
        )}
      </WithCategories>
    </ConsolePage>
  );
}
