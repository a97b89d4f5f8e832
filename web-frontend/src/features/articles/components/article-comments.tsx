import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/panel';

/**
 * Where comments will be. The API has no comments yet, so this says so instead of offering a form
 * that would go nowhere.
 */
export function ArticleComments() {
  return (
    <div className="article-comments">
      <Panel title="发表评论">
        <p className="article-comments__note">评论功能即将开放，届时登录会员即可在此发表评论。</p>
      </Panel>
      <Panel title="最新相关评论">
        <EmptyState title="暂无评论" />
      </Panel>
    </div>
  );
}
