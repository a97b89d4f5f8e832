import { useId } from 'react';
import { Link, useNavigate } from 'react-router';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { Panel } from '@/components/ui/panel';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { useDocumentTitle } from '@/hooks/use-document-title';
import type { components } from '@/lib/api/schema';
import { formatDate, pageTitle } from '@/utils/format';
import { searchPath } from '../address';
import { useSearch, type SearchHit } from '../api/search-articles';
import { refusalMessage } from '../server-errors';
import '../search.css';

/** What the page needs of a category: the filter's options and each hit's category. */
export type SearchCategory = Pick<components['schemas']['CategoryResponse'], 'id' | 'name' | 'slug' | 'depth'>;

type SearchPageProps = {
  /** What to find, trimmed; empty when the address has none. */
  q: string;
  /** A category's slug; empty for every category. */
  category: string;
  /** From 1, as `?page=` says. */
  page: number;
  /** Every category, for the filter and the hits' category links (the route has them from the navigation bar). */
  categories: readonly SearchCategory[];
  siteName?: string;
};

/** 搜索“秘书”: the hits for what the header's box sent, a page at a time, with their marked words. */
export function SearchPage({ q, category, page, categories, siteName }: SearchPageProps) {
  const heading = q === '' ? '搜索' : `搜索“${q}”`;
  useDocumentTitle(pageTitle(page > 1 && q !== '' ? `${heading}（第${page}页）` : heading, siteName));
  return (
    <>
      <Breadcrumb items={[{ label: siteName ?? '首页', to: '/' }, { label: '搜索' }]} />
      <Panel title={heading} level={1} className="search">
        {q === '' ? (
          <p className="search__hint">请在页面上方的搜索框中输入要查找的文字，按“搜索”即可查找本站已发表的文章。</p>
        ) : (
          <>
            {categories.length > 0 && <CategoryFilter q={q} category={category} categories={categories} />}
            <SearchResults q={q} category={category} page={page} categories={categories} />
          </>
        )}
      </Panel>
    </>
  );
}

type CategoryFilterProps = {
  q: string;
  category: string;
  categories: readonly SearchCategory[];
};

/** 栏目: narrows the same search to a category and its subcategories; the choice lives in the address. */
function CategoryFilter({ q, category, categories }: CategoryFilterProps) {
  const navigate = useNavigate();
  const id = useId();
  return (
    <p className="search__filter">
      <label htmlFor={id}>栏目</label>{' '}
      <select id={id} value={category} onChange={(event) => navigate(searchPath({ q, category: event.target.value }))}>
        <option value="">全部栏目</option>
        {categories.map((each) => (
          <option key={each.id} value={each.slug}>
            {/* Indented by depth, as in the console; a category includes its subcategories. */}
            {`${'　'.repeat(each.depth)}${each.name}`}
          </option>
        ))}
      </select>
    </p>
  );
}

type SearchResultsProps = Omit<SearchPageProps, 'siteName'>;

function SearchResults({ q, category, page, categories }: SearchResultsProps) {
  const results = useSearch({ q, category, page });

  if (results.isPending) {
    return <LoadingState label="正在搜索…" />;
  }
  if (results.isError) {
    const refusal = refusalMessage(results.error);
    if (refusal === undefined) {
      return <ErrorState title="搜索失败" error={results.error} onRetry={() => void results.refetch()} />;
    }
    return (
      <div className="form-alert" role="alert">
        <p>{refusal}</p>
        {category !== '' && (
          <p>
            <Link to={searchPath({ q })}>在全部栏目中搜索“{q}”</Link>
          </p>
        )}
      </div>
    );
  }

  const { items, total, total_exact: totalExact, total_pages: totalPages } = results.data;
  const byId = new Map(categories.map((each) => [each.id, each]));
  const hrefFor = (n: number) => searchPath({ q, category, page: n });
  return (
    <>
      {total > 0 && (
        <p className="search__summary">
          共 {total}{totalExact ? '' : '+'} 篇{totalPages > 1 && `，第 ${page}/${totalPages} 页`}
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState title={total === 0 ? '没有找到相关文章' : '这一页没有文章'}>
          {total === 0 && (
            <p>
              请换一个词语或少输入几个字再试
              {category !== '' && (
                <>
                  ，或<Link to={searchPath({ q })}>在全部栏目中搜索</Link>
                </>
              )}
              。
            </p>
          )}
        </EmptyState>
      ) : (
        <ol className="search-results" aria-busy={results.isPlaceholderData || undefined}>
          {items.map((hit) => (
            <SearchResult key={hit.article.id} hit={hit} category={byId.get(hit.article.category_id)} />
          ))}
        </ol>
      )}
      {(totalPages > 1 || page > 1) && <Pagination page={page} totalPages={totalPages} hrefFor={hrefFor} />}
    </>
  );
}

function SearchResult({ hit, category }: { hit: SearchHit; category: SearchCategory | undefined }) {
  const { article } = hit;
  return (
    <li className="search-hit">
      <h2 className="search-hit__title">
        <Link to={`/a/${article.id}`}>
          {/* The API escapes the title and snippet and adds only <mark> around the matches: safe as HTML. */}
          <span dangerouslySetInnerHTML={{ __html: hit.title_html }} />
        </Link>
      </h2>
      {hit.snippet_html !== '' && <p className="search-hit__snippet" dangerouslySetInnerHTML={{ __html: hit.snippet_html }} />}
      <p className="search-hit__meta">
        {category && <Link to={`/c/${category.slug}`}>{category.name}</Link>}{' '}
        {article.published_at && <time dateTime={article.published_at}>{formatDate(article.published_at)}</time>}
      </p>
    </li>
  );
}
