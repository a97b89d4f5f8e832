// 新建文章 (`/admin/articles/new`): the editor on an empty form.
import { useNavigate } from 'react-router';
import { ArticleEditor } from '@/features/editorial/components/article-editor';
import { articlesCrumb, ConsolePage, WithCategories } from './console-page';

export function NewArticlePage() {
  const navigate = useNavigate();
  return (
    <ConsolePage title="新建文章" parent={articlesCrumb}>
      <WithCategories>
        {(categories) => (
          <ArticleEditor
            categories={categories}
            // From its first save the article has its own address; the editor there starts from the saved copy.
            onCreated={(saved, notice) => void navigate(`/admin/articles/${saved.article.id}`, { replace: true, state: { notice } })}
            onTrashed={() => void navigate('/admin/articles')}
          />
        )}
      </WithCategories>
    </ConsolePage>
  );
}
