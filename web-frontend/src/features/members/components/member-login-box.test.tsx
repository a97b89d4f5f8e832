import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { categoryList, home, pendingEnterprise, personalMember, sessionFor, site } from '@/testing/fixtures';
import {
  bodyOf,
  jsonResponse,
  problemResponse,
  rememberSignedIn,
  renderApp,
  requestsTo,
  signedOut,
  stubApi,
} from '@/testing/render-app';

const pages = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
};

function loginBox() {
  return screen.getByRole('region', { name: /会员登录/ });
}

function signIn(username: string, password: string) {
  const box = loginBox();
  fireEvent.change(within(box).getByLabelText('用户名'), { target: { value: username } });
  fireEvent.change(within(box).getByLabelText('密码'), { target: { value: password } });
  fireEvent.click(within(box).getByRole('button', { name: '登录' }));
}

describe('the member login box', () => {
  it('restores the session once when the app starts, in StrictMode too, and offers the form without one', async () => {
    const fetchMock = stubApi({ ...pages, 'POST /api/v1/auth/refresh': signedOut });
    rememberSignedIn();

    renderApp('/', { strict: true });

    const box = loginBox();
    expect(within(box).getByRole('status').textContent).toBe('正在确认登录状态…');
    expect(await within(box).findByLabelText('用户名')).toBeTruthy();
    expect((within(box).getByLabelText('密码') as HTMLInputElement).type).toBe('password');
    expect(within(box).getByRole('button', { name: '登录' })).toBeTruthy();
    expect(within(box).getByRole('link', { name: '个人会员' }).getAttribute('href')).toBe('/register?kind=personal');
    expect(within(box).getByRole('link', { name: '企业会员' }).getAttribute('href')).toBe('/register?kind=enterprise');

    await new Promise((resolve) => setTimeout(resolve, 50));
    const refreshes = requestsTo(fetchMock, 'POST /api/v1/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(await refreshes[0].text()).toBe('');
  });

  it('offers the form at once to a visitor, asking about a session once meanwhile, and never again once there was none', async () => {
    const fetchMock = stubApi({ ...pages, 'POST /api/v1/auth/refresh': signedOut });

    const first = renderApp('/', { strict: true });
    expect(within(loginBox()).getByLabelText('用户名')).toBeTruthy();
    // The answer (no session) is remembered: the next visit does not ask.
    await waitFor(() => expect(requestsTo(fetchMock, 'POST /api/v1/auth/refresh')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    first.unmount();
    renderApp('/');
    expect(within(loginBox()).getByLabelText('用户名')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(requestsTo(fetchMock, 'POST /api/v1/auth/refresh')).toHaveLength(1);
  });

  it('shows the member whose session a reload restored, with 会员中心 and 退出', async () => {
    stubApi({ ...pages, 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(personalMember)) });

    renderApp('/');

    const box = loginBox();
    expect((await within(box).findByText('周辉')).tagName).toBe('STRONG');
    expect(within(box).getByRole('link', { name: '会员中心' }).getAttribute('href')).toBe('/member');
    expect(within(box).getByRole('button', { name: '退出' })).toBeTruthy();
    expect(within(box).queryByLabelText('密码')).toBeNull();
  });

  it('says only 用户名或密码错误 when a login fails, whichever was wrong', async () => {
    const fetchMock = stubApi({
      ...pages,
      'POST /api/v1/auth/refresh': signedOut,
      'POST /api/v1/auth/login': () => problemResponse(401, 'invalid_credentials', 'the username or password is wrong'),
    });

    renderApp('/');
    await within(loginBox()).findByLabelText('用户名');
    signIn('zhouhui', 'not-the-password');

    const alert = await within(loginBox()).findByRole('alert');
    expect(alert.textContent).toBe('用户名或密码错误');
    expect(screen.getAllByRole('alert')).toEqual([alert]);
    expect((within(loginBox()).getByLabelText('用户名') as HTMLInputElement).value).toBe('zhouhui');
    expect((within(loginBox()).getByLabelText('密码') as HTMLInputElement).value).toBe('');
    const [request] = requestsTo(fetchMock, 'POST /api/v1/auth/login');
    expect(await bodyOf(request)).toEqual({ username: 'zhouhui', password: 'not-the-password' });
  });

  it('asks for both fields before sending anything', async () => {
    const fetchMock = stubApi({ ...pages, 'POST /api/v1/auth/refresh': signedOut });

    renderApp('/');
    await within(loginBox()).findByLabelText('用户名');
    signIn('zhouhui', '');

    expect((await within(loginBox()).findByRole('alert')).textContent).toBe('请输入密码');
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/login')).toHaveLength(0);
  });

  it('says how long to wait after too many failed logins', async () => {
    stubApi({
      ...pages,
      'POST /api/v1/auth/refresh': signedOut,
      'POST /api/v1/auth/login': () =>
        problemResponse(429, 'rate_limited', 'too many requests', { headers: { 'Retry-After': '899' } }),
    });

    renderApp('/');
    await within(loginBox()).findByLabelText('用户名');
    signIn('zhouhui', 'still-wrong');

    expect((await within(loginBox()).findByRole('alert')).textContent).toBe('登录失败次数过多，请在 15 分钟后再试。');
  });

  it('signs in, shows the member, and signs out again', async () => {
    const fetchMock = stubApi({
      ...pages,
      'POST /api/v1/auth/refresh': signedOut,
      'POST /api/v1/auth/login': () => jsonResponse(sessionFor(personalMember)),
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    });

    renderApp('/');
    await within(loginBox()).findByLabelText('用户名');
    signIn('zhouhui', 'tq8-vault-x');

    expect(await within(loginBox()).findByText('周辉')).toBeTruthy();
    fireEvent.click(within(loginBox()).getByRole('button', { name: '退出' }));

    expect(await within(loginBox()).findByLabelText('用户名')).toBeTruthy();
    expect(within(loginBox()).queryByText('周辉')).toBeNull();
    expect(requestsTo(fetchMock, 'POST /api/v1/auth/logout')).toHaveLength(1);
  });

  it('tells an enterprise member that their account is under review', async () => {
    stubApi({ ...pages, 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(pendingEnterprise)) });

    renderApp('/');

    const box = loginBox();
    expect(await within(box).findByText('秘书文化有限公司')).toBeTruthy();
    expect(within(box).getByText('企业会员资料审核中…')).toBeTruthy();
  });

  it('does not tell an active member anything about a review', async () => {
    stubApi({ ...pages, 'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(personalMember)) });

    renderApp('/');

    await within(loginBox()).findByText('周辉');
    await waitFor(() => expect(within(loginBox()).queryByText(/审核/)).toBeNull());
  });
});
