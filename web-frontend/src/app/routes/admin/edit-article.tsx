// 编辑文章 (`/admin/articles/:id`): the editor on an article.
import { useLocation, useNavigate, useParams } from 'react-router';
import { NotFound } from '@/components/layout/not-found';
import { ArticleEditor } from '@/features/editorial/components/article-editor';
import { useSite } from '@/features/site/api/get-site';
import { parseArticleId } from '../article';
import { articlesCrumb, ConsolePage, noticeOf, WithCategories } from './console-page';

export function EditArticlePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { state } = useLocation();
  const site = useSite();
  const articleId = parseArticleId(id);
  if (articleId === undefined) {
    return <NotFound siteName={site.data?.name} />;
  }
  return (
    <ConsolePage title="编辑文章" parent={articlesCrumb} showNotice={false}>
      <WithCategories>
        {(categories) => (
          <ArticleEditor
            key={articleId}
            articleId={articleId}
            categories={categories}
            notice={noticeOf(state)}
            onCreated={() => undefined}
            onTrashed={(title) => void navigate('/admin/articles', { state: { notice: `《${title}》已移到回收站。` } })}
          />
        )}
      </WithCategories>
    </ConsolePage>
  );
}
