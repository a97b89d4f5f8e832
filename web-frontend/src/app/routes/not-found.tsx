import { Link, useLocation } from 'react-router';
import { Panel } from '@/components/ui/panel';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Panel title="页面不存在">
      <p>
        您访问的地址 <code>{pathname}</code> 没有对应的页面，可能已被删除或输入有误。
      </p>
      <p>
        <Link to="/">返回首页</Link>
      </p>
    </Panel>
  );
}
