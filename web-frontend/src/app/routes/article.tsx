import { useParams } from 'react-router';
import { NotFound } from '@/components/layout/not-found';
import { ArticlePage } from '@/features/articles/components/article-page';
import { useSite } from '@/features/site/api/get-site';

/** `/a/:id` takes a positive whole number; `/a/abc` is not an article and is not asked for. */
export function parseArticleId(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^[1-9]\d{0,15}$/.test(raw)) {
    return undefined;
  }
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : undefined;
}

export function ArticleRoute() {
  const { id } = useParams();
  const site = useSite();
  const articleId = parseArticleId(id);
  if (articleId === undefined) {
    return <NotFound siteName={site.data?.name} />;
  }
  // One page per article: going to 下一篇 mounts a fresh page, which counts its own view.
  return <ArticlePage key={articleId} id={articleId} siteName={site.data?.name} />;
}
