import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { NotFound } from '@/components/layout/not-found';
import { Breadcrumb, type Crumb } from '@/components/ui/breadcrumb';
import { Panel } from '@/components/ui/panel';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { TitleList } from '@/components/ui/title-list';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { isNotFound } from '@/lib/api/client';
import { formatDate, pageTitle } from '@/utils/format';
import { useArticle, type Article } from '../api/get-article';
import { useRecordView } from '../api/record-view';
import '@/components/ui/article-body.css';
import '../articles.css';

/** What goes under the article (its comments, from the comments feature), given the loaded article. */
export type ArticleExtras = (article: Article) => ReactNode;

type ArticlePageProps = {
  id: number;
  siteName?: string;
  /** Shown under the article once it has loaded: the route passes the comments here. */
  below?: ArticleExtras;
};

/**
 * One article as the old site showed it: title, byline, body, author's note, 上一篇 / 下一篇, then
 * 相关文章 and `below` (the comments).
 */
export function ArticlePage({ id, siteName, below }: ArticlePageProps) {
  const article = useArticle(id);
  const recordedViews = useRecordView(id, article.isSuccess);

  if (article.isPending) {
    return <LoadingState label="正在加载文章…" />;
  }
  if (article.isError) {
    if (isNotFound(article.error)) {
      return <NotFound siteName={siteName} />;
    }
    return <ErrorState title="文章加载失败" error={article.error} onRetry={() => void article.refetch()} />;
  }

  return (
    <ArticleView article={article.data} views={recordedViews ?? article.data.views} siteName={siteName} below={below} />
  );
}

type ArticleViewProps = {
  article: Article;
  /** The count to show: the server's answer to this visit's view once it came, the loaded one before. */
  views: number;
  siteName?: string;
  below?: ArticleExtras;
};

function ArticleView({ article: data, views, siteName, below }: ArticleViewProps) {
  // Here rather than in ArticlePage, whose effect would run after NotFound's and overwrite its title.
  useDocumentTitle(pageTitle(data.title, siteName));
  return (
    <>
      <Breadcrumb items={crumbs(data, siteName)} />
      <article className="article">
        <header className="article__header">
          <h1 className="article__title">{data.title}</h1>
          {data.subtitle && <p className="article__subtitle">{data.subtitle}</p>}
          <p className="article__meta">
            {data.author !== '' && <span>作者: {data.author}</span>}{' '}
            {data.published_at && (
              <span>
                发表时间: <time dateTime={data.published_at}>{formatDate(data.published_at)}</time>
              </span>
            )}{' '}
            <span>{`访问: ${views}次`}</span>
          </p>
        </header>
        {data.body_html == null ? (
          <>
            {/* What the article is about, as lists show it; the body is for members. */}
            {data.summary !== '' && <p className="article__summary">{data.summary}</p>}
            <RestrictedNotice restricted={data.restricted} />
          </>
        ) : (
          /* Sanitised by the API (see ArticleResponse.body_html): the one place this app inserts HTML. */
          <div className="article__body" dangerouslySetInnerHTML={{ __html: data.body_html }} />
        )}
        {data.author_note && <p className="article__note">({data.author_note})</p>}
        <Neighbours article={data} />
      </article>
      <RelatedArticles related={data.related} />
      {below?.(data)}
    </>
  );
}

/** In place of a body the reader may not see: why, and where to sign in (the box beside it). */
function RestrictedNotice({ restricted }: { restricted: Article['restricted'] }) {
  const enterprise = restricted === 'enterprise';
  return (
    <div className="article__restricted" role="note">
      <p className="article__restricted-title">{enterprise ? '企业会员专享' : '登录后阅读'}</p>
      <p>
        {enterprise
          ? '本文仅对审核通过的企业会员开放，请以企业会员身份在“会员登录”中登录。'
          : '本文仅对会员开放，请在“会员登录”中登录后阅读；还不是会员？'}
        {!enterprise && <Link to="/register">注册会员</Link>}
      </p>
    </div>
  );
}

function crumbs(article: Article, siteName: string | undefined): Crumb[] {
  return [
    { label: siteName ?? '首页', to: '/' },
    ...article.breadcrumb.map((step) => ({ label: step.name, to: `/c/${step.slug}` })),
  ];
}

/** 上一篇 is the older article in the category, 下一篇 the newer one. */
function Neighbours({ article }: { article: Article }) {
  return (
    <nav className="article__neighbours" aria-label="上一篇和下一篇">
      <p>
        上一篇:{' '}
        {article.prev ? (
          <Link to={`/a/${article.prev.id}`} rel="prev">
            {article.prev.title}
          </Link>
        ) : (
          '没有相关信息'
        )}
      </p>
      <p>
        下一篇:{' '}
        {article.next ? (
          <Link to={`/a/${article.next.id}`} rel="next">
            {article.next.title}
          </Link>
        ) : (
          '没有相关信息'
        )}
      </p>
    </nav>
  );
}

/** 相关文章: the API's picks (the same category's first); 没有相关信息 when none, as 上一篇 says it. */
function RelatedArticles({ related }: { related: Article['related'] }) {
  return (
    <Panel title="相关文章" className="article__related">
      {related.length === 0 ? (
        <p className="article__related-none">没有相关信息</p>
      ) : (
        <TitleList items={related.map((link) => ({ key: link.id, to: `/a/${link.id}`, title: link.title }))} />
      )}
    </Panel>
  );
}
