import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/panel';
import { useSite } from '@/features/site/api/get-site';

export function HomePage() {
  // Shares the masthead's query, so this makes no second request.
  const site = useSite();
  const welcome = site.data ? `欢迎访问${site.data.name}` : '欢迎访问';

  return (
    <>
      <p className="breadcrumb">当前位置：首页</p>
      <Panel title={welcome}>
        <EmptyState title="暂无文章">
          <p>栏目和文章正在整理中，敬请期待。</p>
        </EmptyState>
      </Panel>
    </>
  );
}
