import { Link, useLocation } from 'react-router';
import { Panel } from '@/components/ui/panel';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { pageTitle } from '@/utils/format';

/**
 * 页面不存在: for an address no route knows, and for a route whose article or category the API
 * does not have.
 */
export function NotFound({ siteName }: { siteName?: string }) {
  const { pathname } = useLocation();
  useDocumentTitle(pageTitle('页面不存在', siteName));
  return (
    <Panel title="页面不存在" level={1}>
      <p>
        您访问的地址 <code>{pathname}</code> 没有对应的页面，可能已被删除或输入有误。
      </p>
      <p>
        <Link to="/">返回首页</Link>
      </p>
    </Panel>
  );
}
