// What every page of the admin console shares: its frame (breadcrumb, title, notice) and the categories.
import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { Panel } from '@/components/ui/panel';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { useCategories, type CategoryList } from '@/features/categories/api/list-categories';
import { useSite } from '@/features/site/api/get-site';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { pageTitle } from '@/utils/format';

/** What a console page may be told by the one that sent the editor there (after a save, a deletion). */
type ConsoleNotice = { notice?: string };

export function noticeOf(state: unknown): string | undefined {
  const notice = typeof state === 'object' && state !== null ? (state as ConsoleNotice).notice : undefined;
  return typeof notice === 'string' ? notice : undefined;
}

type ConsolePageProps = {
  /** The page's heading and the first part of its document title. */
  title: string;
  /** Above the page in the breadcrumb, e.g. 文章管理 above 编辑文章. */
  parent?: { label: string; to: string };
  /** Shows the notice the previous page left (off where a form shows it itself). */
  showNotice?: boolean;
  children: ReactNode;
};

/** A console page: breadcrumb, document title, and one box with the page's heading (its h1). */
export function ConsolePage({ title, parent, showNotice = true, children }: ConsolePageProps) {
  const site = useSite();
  useDocumentTitle(pageTitle(title, '管理后台', site.data?.name));
  const { state } = useLocation();
  const notice = showNotice ? noticeOf(state) : undefined;
  return (
    <>
      <Breadcrumb
        items={[
          { label: site.data?.name ?? '首页', to: '/' },
          { label: '管理后台', to: '/admin' },
          ...(parent ? [parent] : []),
          { label: title },
        ]}
      />
      <Panel title={title} level={1} className="console-page">
        {notice && (
          <p className="form-success" role="status">
            {notice}
          </p>
        )}
        {children}
      </Panel>
    </>
  );
}

/** 文章管理 in the breadcrumb above the editor's pages. */
export const articlesCrumb = { label: '文章管理', to: '/admin/articles' };

/** The categories, which the article pages need for their names and the editor's select. */
export function WithCategories({ children }: { children: (categories: CategoryList['items']) => ReactNode }) {
  const categories = useCategories();
  if (categories.isPending) {
    return <LoadingState label="正在加载栏目…" />;
  }
  if (categories.isError) {
    return <ErrorState title="栏目加载失败" error={categories.error} onRetry={() => void categories.refetch()} />;
  }
  return <>{children(categories.data.items)}</>;
}
