import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { formatDateTime } from '@/utils/format';
import { useEditorialArticles, type ArticleFilters, type ArticleFlag, type ArticleStatus } from '../api/list-articles';
import { FLAG_LABELS, STATUS_LABELS, VISIBILITY_LABELS, statusLabel } from '../fields';
import type { Category } from '../article-form';
import '@/components/ui/console.css';
import '../editorial.css';

/** Which articles the list shows: a status, every status, or the trash. */
export type ArticleView = ArticleStatus | 'all' | 'trash';

export type ArticleListState = {
  view: ArticleView;
  /** A category's slug (its descendants' articles are listed too); empty for every category. */
  category: string;
  /** 推荐, 头条 or 置顶 articles only; empty for all. */
  flag: ArticleFlag | '';
  /** Words of the title or summary. */
  q: string;
  page: number;
};

const VIEW_LABELS: Record<ArticleView, string> = { all: '全部', ...STATUS_LABELS, trash: '回收站' };

/** The list's state as the API's filters. */
function filtersOf({ view, category, flag, q, page }: ArticleListState): ArticleFilters {
  const filters: ArticleFilters = { page };
  if (view === 'trash') filters.trashed = true;
  else if (view !== 'all') filters.status = view;
  if (category !== '') filters.category = category;
  if (flag !== '') filters.flag = flag;
  if (q.trim() !== '') filters.q = q.trim();
  return filters;
}

type ArticleListProps = {
  state: ArticleListState;
  /** The address of the list in another state (the filters live in the address, so 后退 works). */
  hrefFor: (state: ArticleListState) => string;
  onChange: (state: ArticleListState) => void;
  categories: readonly Category[];
};

/** 文章管理: every article in any status, most recently changed first, with filters, search and pages. */
export function ArticleList({ state: asked, hrefFor, onChange, categories }: ArticleListProps) {
  // A category the address names but the site no longer has (an old link) is no filter.
  const state = categories.some((category) => category.slug === asked.category) ? asked : { ...asked, category: '' };
  const articles = useEditorialArticles(filtersOf(state));
  const [q, setQ] = useState(state.q);
  const viewId = useId();
  const categoryId = useId();
  const flagId = useId();
  const searchId = useId();
  const categoryName = new Map(categories.map((category) => [category.id, category.name]));
  const filtered = state.q.trim() !== '' || state.category !== '' || state.flag !== '';

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ ...state, q, page: 1 });
  };

  return (
    <>
      <div className="console-toolbar">
        <Link to="/admin/articles/new" className="button button--primary console-toolbar__new">
          新建文章
        </Link>
        <form className="console-filters" role="search" aria-label="筛选文章" onSubmit={search}>
          <label htmlFor={viewId}>状态</label>
          <select id={viewId} value={state.view} onChange={(event) => onChange({ ...state, view: event.target.value as ArticleView, page: 1 })}>
            {(Object.keys(VIEW_LABELS) as ArticleView[]).map((view) => (
              <option key={view} value={view}>
                {VIEW_LABELS[view]}
              </option>
            ))}
          </select>
          <label htmlFor={categoryId}>栏目</label>
          <select id={categoryId} value={state.category} onChange={(event) => onChange({ ...state, category: event.target.value, page: 1 })}>
            <option value="">全部</option>
            {categories.map((category) => (
              <option key={category.id} value={category.slug}>
                {/* Indented by depth, as in the editor; a category includes its descendants. */}
                {`${'　'.repeat(category.depth)}${category.name}`}
              </option>
            ))}
          </select>
          <label htmlFor={flagId}>标记</label>
          <select id={flagId} value={state.flag} onChange={(event) => onChange({ ...state, flag: event.target.value as ArticleFlag | '', page: 1 })}>
            <option value="">全部</option>
            {(Object.keys(FLAG_LABELS) as ArticleFlag[]).map((flag) => (
              <option key={flag} value={flag}>
                {FLAG_LABELS[flag]}
              </option>
            ))}
          </select>
          <label htmlFor={searchId}>标题或摘要</label>
          <input id={searchId} type="search" value={q} onChange={(event) => setQ(event.target.value)} />
          <button type="submit" className="button">
            搜索
          </button>
        </form>
      </div>
      {articles.isPending ? (
        <LoadingState label="正在加载文章…" />
      ) : articles.isError ? (
        <ErrorState title="文章列表加载失败" error={articles.error} onRetry={() => void articles.refetch()} />
      ) : articles.data.items.length === 0 ? (
        <EmptyState title={filtered ? '没有找到符合条件的文章' : state.view === 'trash' ? '回收站是空的' : '还没有文章'} />
      ) : (
        <>
          <p className="console-summary">共 {articles.data.total} 篇</p>
          <ul className="console-list" aria-busy={articles.isPlaceholderData || undefined}>
            {articles.data.items.map((item) => (
              <li key={item.id} className="console-list__item">
                <Link to={`/admin/articles/${item.id}`} className="console-list__title">
                  {item.title}
                </Link>
                <p className="console-list__meta">
                  <span className={`status-badge status-badge--${item.trashed_at ? 'trashed' : item.status}`}>
                    {item.trashed_at ? '回收站' : statusLabel(item.status, item.published_at)}
                  </span>
                  <span>{categoryName.get(item.category_id) ?? `栏目 ${item.category_id}`}</span>
                  {item.visibility !== 'public' && <span>{VISIBILITY_LABELS[item.visibility]}</span>}
                  {(Object.keys(FLAG_LABELS) as ArticleFlag[])
                    .filter((flag) => item[flag])
                    .map((flag) => (
                      <span key={flag} className="flag-badge">
                        {FLAG_LABELS[flag]}
                      </span>
                    ))}
                  {item.author !== '' && <span>作者：{item.author}</span>}
                  <span>
                    更新于 <time dateTime={item.updated_at}>{formatDateTime(item.updated_at)}</time>
                  </span>
                </p>
              </li>
            ))}
          </ul>
          {articles.data.total_pages > 1 && (
            <Pagination
              page={state.page}
              totalPages={articles.data.total_pages}
              hrefFor={(page) => hrefFor({ ...state, page })}
            />
          )}
        </>
      )}
    </>
  );
}
