import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/panel';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { TitleList } from '@/components/ui/title-list';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { formatDateTime } from '@/utils/format';
import { useHome, type Home } from '../api/get-home';
import { CategoryBlocks } from './category-blocks';
import '../home.css';

/** The front page: a block of latest titles per top-level category, then 推荐, 本周热门 and 最新评论. */
export function HomePage({ siteName }: { siteName?: string }) {
  const home = useHome();
  useDocumentTitle(siteName ?? '');

  return (
    <>
      {/* The masthead shows the name; this heading names the page for screen readers and outlines. */}
      <h1 className="visually-hidden">{siteName ?? '首页'}</h1>
      {home.isPending ? (
        <LoadingState label="正在加载首页内容…" />
      ) : home.isError ? (
        <ErrorState title="首页内容加载失败" error={home.error} onRetry={() => void home.refetch()} />
      ) : (
        <HomeBlocks home={home.data} />
      )}
    </>
  );
}

function HomeBlocks({ home }: { home: Home }) {
  return (
    <>
      {home.categories.length === 0 ? (
        <Panel title="栏目">
          <EmptyState title="暂无栏目">
            <p>栏目和文章正在整理中，敬请期待。</p>
          </EmptyState>
        </Panel>
      ) : (
        <div className="home-grid">
          <CategoryBlocks blocks={home.categories} />
        </div>
      )}
      <div className="home-grid">
        <Panel title="推荐">
          {home.featured.length === 0 ? (
            <EmptyState title="暂无推荐文章" />
          ) : (
            <TitleList items={home.featured.map((a) => ({ key: a.id, to: `/a/${a.id}`, title: a.title }))} />
          )}
        </Panel>
        <Panel title="本周热门">
          {home.most_viewed_week.length === 0 ? (
            <EmptyState title="本周暂无热门文章" />
          ) : (
            <TitleList
              ordered
              items={home.most_viewed_week.map((a) => ({
                key: a.id,
                to: `/a/${a.id}`,
                title: a.title,
                aside: `${a.views}次`,
              }))}
            />
          )}
        </Panel>
      </div>
      <Panel title="最新评论">
        {home.latest_comments.length === 0 ? (
          <EmptyState title="暂无评论" />
        ) : (
          <LatestComments comments={home.latest_comments} />
        )}
      </Panel>
    </>
  );
}

/** A comment longer than this is cut on the home page; its article shows it whole. */
const EXCERPT_CHARS = 120;

function excerpt(content: string): string {
  const characters = [...content];
  return characters.length > EXCERPT_CHARS ? `${characters.slice(0, EXCERPT_CHARS).join('')}…` : content;
}

/** 最新评论: the newest approved comments across the site, each with the article it is on. */
function LatestComments({ comments }: { comments: Home['latest_comments'] }) {
  return (
    <ul className="latest-comments">
      {comments.map((comment) => (
        <li key={comment.id} className="latest-comment">
          {/* Plain text, never HTML: React escapes it, and CSS keeps its line breaks. */}
          <p className="latest-comment__text">{excerpt(comment.content)}</p>
          <p className="latest-comment__meta">
            <span className="latest-comment__author">{comment.author.display_name}</span> 评论{' '}
            <Link to={`/a/${comment.article_id}`} title={comment.article_title}>
              {comment.article_title}
            </Link>{' '}
            <time dateTime={comment.created_at}>{formatDateTime(comment.created_at)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}
