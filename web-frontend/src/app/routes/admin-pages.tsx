// The pages of the admin console, loaded (as one chunk) only once ConsoleRoute has let an editor in:
// they read the address and compose the features' console parts.
import type { ReactNode } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { NotFound } from '@/components/layout/not-found';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { Panel } from '@/components/ui/panel';
import { ErrorState, LoadingState } from '@/components/ui/query-status';
import { TokenManager } from '@/features/api-tokens/components/token-manager';
import { AuditLog, type AuditListState } from '@/features/audit/components/audit-log';
import { useCategories, type CategoryList } from '@/features/categories/api/list-categories';
import { CategoryManager } from '@/features/categories/components/category-manager';
import { ArticleEditor } from '@/features/editorial/components/article-editor';
import type { ArticleFlag } from '@/features/editorial/api/list-articles';
import { ArticleList, type ArticleListState, type ArticleView } from '@/features/editorial/components/article-list';
import { MemberAdmin, type MemberListState } from '@/features/members/components/member-admin';
import type { MemberKind, MemberStatus } from '@/features/members/fields';
import { CommentQueue, COMMENT_STATUS_LABELS } from '@/features/moderation/components/comment-queue';
import type { CommentStatus } from '@/features/moderation/api/list-comments';
import { useSite } from '@/features/site/api/get-site';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useSessionState } from '@/lib/auth/session-context';
import { pageTitle } from '@/utils/format';
import { parseArticleId } from './article';
import { parsePage } from './category';

/** What a console page may be told by the one that sent the editor there (after a save, a deletion). */
type ConsoleNotice = { notice?: string };

function noticeOf(state: unknown): string | undefined {
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
function ConsolePage({ title, parent, showNotice = true, children }: ConsolePageProps) {
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

/** The categories, which the article pages need for their names and the editor's select. */
function WithCategories({ children }: { children: (categories: CategoryList['items']) => ReactNode }) {
  const categories = useCategories();
  if (categories.isPending) {
    return <LoadingState label="正在加载栏目…" />;
  }
  if (categories.isError) {
    return <ErrorState title="栏目加载失败" error={categories.error} onRetry={() => void categories.refetch()} />;
  }
  return <>{children(categories.data.items)}</>;
}

const ARTICLE_VIEWS: readonly ArticleView[] = ['all', 'draft', 'pending', 'published', 'archived', 'trash'];
const ARTICLE_FLAGS: readonly ArticleFlag[] = ['featured', 'headline', 'pinned'];

/**
 * `?view=draft&category=features&flag=headline&q=…&page=2`: anything unreadable is the first page of
 * all articles (a category the site does not have is dropped by the list, which knows the categories).
 */
export function parseArticleListState(search: URLSearchParams): ArticleListState {
  const view = search.get('view');
  const flag = search.get('flag');
  return {
    view: ARTICLE_VIEWS.includes(view as ArticleView) ? (view as ArticleView) : 'all',
    category: search.get('category')?.trim() ?? '',
    flag: ARTICLE_FLAGS.includes(flag as ArticleFlag) ? (flag as ArticleFlag) : '',
    q: search.get('q') ?? '',
    page: parsePage(search.get('page')),
  };
}

function articleListHref({ view, category, flag, q, page }: ArticleListState): string {
  const search = new URLSearchParams();
  if (view !== 'all') search.set('view', view);
  if (category !== '') search.set('category', category);
  if (flag !== '') search.set('flag', flag);
  if (q.trim() !== '') search.set('q', q.trim());
  if (page > 1) search.set('page', String(page));
  const query = search.toString();
  return query === '' ? '/admin/articles' : `/admin/articles?${query}`;
}

export function ArticlesPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const state = parseArticleListState(searchParams);
  return (
    <ConsolePage title="文章管理">
      <WithCategories>
        {(categories) => (
          <ArticleList
            // A search typed elsewhere (后退) starts the search box afresh.
            key={state.q}
            state={state}
            hrefFor={articleListHref}
            onChange={(next) => void navigate(articleListHref(next))}
            categories={categories}
          />
        )}
      </WithCategories>
    </ConsolePage>
  );
}

const articlesCrumb = { label: '文章管理', to: '/admin/articles' };

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

export function CategoriesPage() {
  return (
    <ConsolePage title="栏目管理">
      <CategoryManager />
    </ConsolePage>
  );
}

/** `?status=spam&page=2`; the queue of comments waiting for review unless said otherwise. */
export function parseCommentStatus(raw: string | null): CommentStatus {
  return raw !== null && raw in COMMENT_STATUS_LABELS ? (raw as CommentStatus) : 'pending';
}

function commentsHref(status: CommentStatus, page: number): string {
  const search = new URLSearchParams();
  if (status !== 'pending') search.set('status', status);
  if (page > 1) search.set('page', String(page));
  const query = search.toString();
  return query === '' ? '/admin/comments' : `/admin/comments?${query}`;
}

export function CommentsPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const status = parseCommentStatus(searchParams.get('status'));
  return (
    <ConsolePage title="评论审核">
      <CommentQueue
        status={status}
        page={parsePage(searchParams.get('page'))}
        hrefFor={commentsHref}
        onStatusChange={(next) => void navigate(commentsHref(next, 1))}
      />
    </ConsolePage>
  );
}

export function TokensPage() {
  const session = useSessionState();
  return (
    <ConsolePage title="API 令牌">
      {/* ConsoleRoute renders this page only for a signed-in editor or admin. */}
      {session.status === 'signed-in' && <TokenManager key={session.member.id} member={session.member} />}
    </ConsolePage>
  );
}

function auditHref({ action, targetType, targetId, page }: AuditListState): string {
  const search = new URLSearchParams();
  if (action !== '') search.set('action', action);
  if (targetType !== '') search.set('target_type', targetType);
  if (targetId.trim() !== '') search.set('target_id', targetId.trim());
  if (page > 1) search.set('page', String(page));
  const query = search.toString();
  return query === '' ? '/admin/audit' : `/admin/audit?${query}`;
}

export function AuditPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const state: AuditListState = {
    action: searchParams.get('action') ?? '',
    targetType: searchParams.get('target_type') ?? '',
    targetId: searchParams.get('target_id') ?? '',
    page: parsePage(searchParams.get('page')),
  };
  return (
    <ConsolePage title="审计日志">
      <AuditLog
        // The filter form starts from the address again after 后退.
        key={`${state.action}|${state.targetType}|${state.targetId}`}
        state={state}
        hrefFor={auditHref}
        onChange={(next) => void navigate(auditHref(next))}
      />
    </ConsolePage>
  );
}

const MEMBER_KINDS: readonly MemberKind[] = ['personal', 'enterprise'];
const MEMBER_STATUSES: readonly MemberStatus[] = ['active', 'pending', 'rejected', 'disabled'];

export function parseMemberListState(search: URLSearchParams): MemberListState {
  const kind = search.get('kind');
  const status = search.get('status');
  return {
    kind: MEMBER_KINDS.includes(kind as MemberKind) ? (kind as MemberKind) : '',
    status: MEMBER_STATUSES.includes(status as MemberStatus) ? (status as MemberStatus) : '',
    q: search.get('q') ?? '',
    page: parsePage(search.get('page')),
  };
}

function membersHref({ kind, status, q, page }: MemberListState): string {
  const search = new URLSearchParams();
  if (kind !== '') search.set('kind', kind);
  if (status !== '') search.set('status', status);
  if (q.trim() !== '') search.set('q', q.trim());
  if (page > 1) search.set('page', String(page));
  const query = search.toString();
  return query === '' ? '/admin/members' : `/admin/members?${query}`;
}

export function MembersPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSessionState();
  const state = parseMemberListState(searchParams);
  return (
    <ConsolePage title="会员管理">
      <MemberAdmin
        key={state.q}
        state={state}
        hrefFor={membersHref}
        onChange={(next) => void navigate(membersHref(next))}
        selfId={session.status === 'signed-in' ? session.member.id : 0}
      />
    </ConsolePage>
  );
}
