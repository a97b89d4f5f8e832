import { useParams } from 'react-router';
import { NotFound } from '@/components/layout/not-found';
import { ArticlePage, type ArticleExtras } from '@/features/articles/components/article-page';
import { ArticleComments } from '@/features/comments/components/article-comments';
import { useSite } from '@/features/site/api/get-site';

/** `/a/:id` takes a positive whole number; `/a/abc` is not an article and is not asked for. */
export function parseArticleId(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^[1-9]\d{0,15}$/.test(raw)) {
    return undefined;
  }
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** Under each article: its comments (a feature of their own, which knows nothing of articles but the id). */
const comments: ArticleExtras = (article) => (
  <ArticleComments articleId={article.id} commentsOpen={article.comments_open} />
);

export function ArticleRoute() {
  const { id } = useParams();
  const site = useSite();
  const articleId = parseArticleId(id);
  if (articleId === undefined) {
    return <NotFound siteName={site.data?.name} />;
  }
  // One page per article: going to 下一篇 mounts a fresh page, which counts its own view.
  return <ArticlePage key={articleId} id={articleId} siteName={site.data?.name} below={comments} />;
}
