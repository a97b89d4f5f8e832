import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorialArticlePage } from '@/features/editorial/api/list-articles';
import { adminMember, categoryList, editorMember, home, personalMember, sessionFor, site } from '@/testing/fixtures';
import { jsonResponse, loadConsolePages, renderApp, requestsTo, signedOut, stubApi } from '@/testing/render-app';

const emptyList: EditorialArticlePage = { items: [], page: 1, per_page: 20, total: 0, total_pages: 0 };

const pages = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
  'GET /api/v1/admin/articles': emptyList,
};

beforeAll(loadConsolePages);

function loginBox() {
  return screen.getByRole('region', { name: /会员登录/ });
}

function consoleRequests(fetchMock: ReturnType<typeof stubApi>) {
  return fetchMock.mock.calls
    .map(([input]) => new URL((input as Request).url).pathname)
    .filter((path) => path.startsWith('/api/v1/admin/'));
}

describe('the admin console', () => {
  it('turns a member away, and asks nothing of the console API', async () => {
    const fetchMock = stubApi({ ...pages, 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(personalMember)) });

    renderApp('/admin/articles');

    expect(await screen.findByRole('heading', { level: 1, name: '无权访问' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('管理后台仅供本刊编辑和管理员使用');
    expect(screen.queryByRole('navigation', { name: '管理后台' })).toBeNull();
    expect(screen.queryByRole('heading', { name: '文章管理' })).toBeNull();
    await waitFor(() => expect(document.title).toBe('无权访问 - 当代秘书'));
    // Nor does the member box offer the way in.
    expect(within(loginBox()).queryByRole('link', { name: '管理后台' })).toBeNull();
    expect(consoleRequests(fetchMock)).toEqual([]);
  });

  it('asks a visitor to sign in first, and the login box takes them in', async () => {
    const fetchMock = stubApi({
      ...pages,
      'POST /api/v1/auth/refresh': signedOut,
      'POST /api/v1/auth/login': () => jsonResponse(sessionFor(editorMember)),
    });

    renderApp('/admin');

    expect(await screen.findByRole('heading', { level: 1, name: '请先登录' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('请先登录 - 当代秘书'));
    expect(consoleRequests(fetchMock)).toEqual([]);

    fireEvent.click(screen.getByRole('link', { name: '登录' }));
    const username = within(loginBox()).getByLabelText('用户名');
    await waitFor(() => expect(document.activeElement).toBe(username));
    fireEvent.change(username, { target: { value: 'bianji' } });
    fireEvent.change(within(loginBox()).getByLabelText('密码'), { target: { value: 'editor-password' } });
    fireEvent.click(within(loginBox()).getByRole('button', { name: '登录' }));

    expect(await screen.findByRole('heading', { level: 1, name: '文章管理' }, { timeout: 5_000 })).toBeTruthy();
  });

  it('lets an editor in, with the editors’ sections only', async () => {
    const fetchMock = stubApi({ ...pages, 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(editorMember)) });

    const { router } = renderApp('/admin');

    expect(await screen.findByRole('heading', { level: 1, name: '文章管理' }, { timeout: 5_000 })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/admin/articles');
    const nav = screen.getByRole('navigation', { name: '管理后台' });
    expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual(['文章', '栏目', '评论审核', 'API 令牌']);
    await waitFor(() => expect(document.title).toBe('文章管理 - 管理后台 - 当代秘书'));
    expect(await screen.findByText('还没有文章')).toBeTruthy();
    expect(within(loginBox()).getByRole('link', { name: '管理后台' }).getAttribute('href')).toBe('/admin');
    expect(requestsTo(fetchMock, 'GET /api/v1/admin/articles')[0].headers.get('Authorization')).toBe('Bearer token-1');
  });

  it('keeps the members and the audit log for admins', async () => {
    stubApi({ ...pages, 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(editorMember)) });

    renderApp('/admin/audit');

    expect(await screen.findByRole('heading', { level: 1, name: '无权访问' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('此页面仅限管理员使用。');
    // Still inside the console, whose other sections stay a click away.
    expect(screen.getByRole('navigation', { name: '管理后台' })).toBeTruthy();
  });

  it('shows an admin every section', async () => {
    stubApi({ ...pages, 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(adminMember)) });

    renderApp('/admin/articles');

    const nav = await screen.findByRole('navigation', { name: '管理后台' });
    expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual([
      '文章',
      '栏目',
      '评论审核',
      'API 令牌',
      '会员',
      '审计日志',
    ]);
  });
});
