import { Breadcrumb, type Crumb } from '@/components/ui/breadcrumb';
import { EmptyState } from '@/components/ui/empty-state';
import { NotFound } from '@/components/layout/not-found';
import { Pagination } from '@/components/ui/pagination';
import { Panel } from '@/components/ui/panel';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { TitleList } from '@/components/ui/title-list';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { isNotFound } from '@/lib/api/client';
import { formatDate, pageTitle } from '@/utils/format';
import { useCategory, type CategoryDetail } from '../api/get-category';
import { useCategoryArticles } from '../api/list-category-articles';
import '../categories.css';

type CategoryPageProps = {
  slug: string;
  /** From 1, as `?page=` says. */
  page: number;
  siteName?: string;
};

/** A category's articles, newest first, a page at a time: 当代秘书 >> 特稿. */
export function CategoryPage({ slug, page, siteName }: CategoryPageProps) {
  const category = useCategory(slug);
  // Asked for at the same time as the category, not after it: the list is what the reader came for.
  const articles = useCategoryArticles(slug, page);

  if (category.isPending) {
    return <LoadingState label="正在加载栏目…" />;
  }
  if (category.isError) {
    if (isNotFound(category.error)) {
      return <NotFound siteName={siteName} />;
    }
    return <ErrorState title="栏目加载失败" error={category.error} onRetry={() => void category.refetch()} />;
  }

  return <CategoryView detail={category.data} articles={articles} slug={slug} page={page} siteName={siteName} />;
}

type CategoryViewProps = CategoryPageProps & {
  detail: CategoryDetail;
  articles: ReturnType<typeof useCategoryArticles>;
};

function CategoryView({ detail, articles, slug, page, siteName }: CategoryViewProps) {
  const current = detail.category;
  // Here rather than in CategoryPage, whose effect would run after NotFound's and overwrite its title.
  useDocumentTitle(pageTitle(page > 1 ? `${current.name}（第${page}页）` : current.name, siteName));
  return (
    <>
      <Breadcrumb items={crumbs(detail, siteName)} />
      <Panel title={current.name} level={1}>
        {current.description !== '' && <p className="category__description">{current.description}</p>}
        <CategoryArticles articles={articles} slug={slug} page={page} />
      </Panel>
    </>
  );
}

function crumbs({ category, breadcrumb }: CategoryDetail, siteName: string | undefined): Crumb[] {
  const parents = breadcrumb.filter((step) => step.id !== category.id);
  return [
    { label: siteName ?? '首页', to: '/' },
    ...parents.map((step) => ({ label: step.name, to: `/c/${step.slug}` })),
    { label: category.name },
  ];
}

type CategoryArticlesProps = {
  articles: ReturnType<typeof useCategoryArticles>;
  slug: string;
  page: number;
};

function CategoryArticles({ articles, slug, page }: CategoryArticlesProps) {
  if (articles.isPending) {
    return <LoadingState label="正在加载文章列表…" />;
  }
  if (articles.isError) {
    return <ErrorState title="文章列表加载失败" error={articles.error} onRetry={() => void articles.refetch()} />;
  }

  const { items, total, total_pages: totalPages } = articles.data;
  const hrefFor = (n: number) => (n === 1 ? `/c/${slug}` : `/c/${slug}?page=${n}`);
  return (
    <>
      {items.length === 0 ? (
        <EmptyState title="暂无文章" />
      ) : (
        <TitleList
          items={items.map((a) => ({
            key: a.id,
            to: `/a/${a.id}`,
            title: a.title,
            aside: a.published_at ? <time dateTime={a.published_at}>{formatDate(a.published_at)}</time> : undefined,
          }))}
        />
      )}
      {(totalPages > 1 || page > 1) && <Pagination page={page} totalPages={totalPages} hrefFor={hrefFor} />}
      {total > 0 && (
        <p className="list-summary">
          共 {total} 篇{totalPages > 1 && `，第 ${page}/${totalPages} 页`}
        </p>
      )}
    </>
  );
}
