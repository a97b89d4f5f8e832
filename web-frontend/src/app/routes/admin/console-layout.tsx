import { Suspense } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { Panel } from '@/components/ui/panel';
import { LoadingState } from '@/components/ui/query-status';
import type { SignInRequest } from '@/features/members/components/member-login-box';
import { useSite } from '@/features/site/api/get-site';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { isAdmin, isStaff } from '@/lib/auth/roles';
import { mayYetSignIn } from '@/lib/auth/session';
import { useSessionState } from '@/lib/auth/session-context';
import { pageTitle } from '@/utils/format';
import './console-layout.css';

type ConsoleLink = { to: string; label: string; adminOnly?: boolean };

const CONSOLE_LINKS: ConsoleLink[] = [
  { to: '/admin/articles', label: '文章' },
  { to: '/admin/categories', label: '栏目' },
  { to: '/admin/comments', label: '评论审核' },
  { to: '/admin/tokens', label: 'API 令牌' },
  { to: '/admin/members', label: '会员', adminOnly: true },
  { to: '/admin/audit', label: '审计日志', adminOnly: true },
];

/**
 * `/admin`, for editors and admins. Visitors who are not signed in are asked to sign in (the login
 * box beside the page brings them back here), members are told they may not enter; neither gets any
 * of the console, whose pages load only once the guard lets someone through. The API checks every
 * request's role itself: this guard is for people, not for security.
 */
export function ConsoleRoute() {
  const session = useSessionState();

  if (mayYetSignIn(session)) {
    return <LoadingState label="正在确认登录状态…" />;
  }
  if (session.status === 'signed-out') {
    return <SignInFirst />;
  }
  if (!isStaff(session.member)) {
    return <NoAccess message="管理后台仅供本刊编辑和管理员使用，您的账户没有访问权限。如需开通，请联系网站管理员。" />;
  }
  const admin = isAdmin(session.member);
  return (
    <div className="console">
      <nav className="console-nav" aria-label="管理后台">
        <p className="console-nav__title">管理后台</p>
        <ul className="console-nav__links">
          {CONSOLE_LINKS.filter((link) => admin || !link.adminOnly).map((link) => (
            <li key={link.to}>
              <NavLink to={link.to}>{link.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Suspense fallback={<LoadingState label="正在加载管理后台…" />}>
        <Outlet />
      </Suspense>
    </div>
  );
}

/** The console pages for admins only (members, the audit log): an editor is told so. */
export function AdminOnlyRoute() {
  const session = useSessionState();
  if (session.status !== 'signed-in' || !isAdmin(session.member)) {
    return <NoAccess message="此页面仅限管理员使用。" />;
  }
  return <Outlet />;
}

function SignInFirst() {
  const site = useSite();
  const { pathname } = useLocation();
  useDocumentTitle(pageTitle('请先登录', site.data?.name));
  // The login box reads this: it puts the cursor in its form, and comes back here once signed in.
  const signIn: SignInRequest = { signInFor: pathname };
  return (
    <Panel title="请先登录" level={1} className="access-refused">
      <p>管理后台仅供本刊编辑和管理员使用，请先用您的账户登录。</p>
      <p>
        <Link to={pathname} state={signIn} replace>
          登录
        </Link>
        {' · '}
        <Link to="/">返回首页</Link>
      </p>
    </Panel>
  );
}

function NoAccess({ message }: { message: string }) {
  const site = useSite();
  useDocumentTitle(pageTitle('无权访问', site.data?.name));
  return (
    <Panel title="无权访问" level={1} className="access-refused">
      <p role="alert">{message}</p>
      <p>
        <Link to="/">返回首页</Link>
      </p>
    </Panel>
  );
}
