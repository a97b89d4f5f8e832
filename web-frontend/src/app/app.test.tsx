import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Problem } from '@/lib/api/client';
import { categoryList, home, site } from '@/testing/fixtures';
import { jsonResponse, renderApp, requestsTo, stubApi, stubFetch } from '@/testing/render-app';

const api = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
};

describe('the layout', () => {
  it('shows the site name and description returned by the API, as a link home', async () => {
    const fetchMock = stubApi(api);

    renderApp('/');

    const banner = screen.getByRole('banner');
    expect(within(banner).getByRole('status').textContent).toContain('正在加载');
    const name = await within(banner).findByRole('link', { name: '当代秘书' });
    expect(name.getAttribute('href')).toBe('/');
    expect(within(banner).getByText('秘书工作者的专业期刊')).toBeTruthy();
    // Each page has its own h1; the masthead is on every page and is not one.
    expect(within(banner).queryByRole('heading')).toBeNull();

    const requests = requestsTo(fetchMock, 'GET /api/v1/site');
    expect(requests).toHaveLength(1);
  });

  it('has a navigation with the top-level categories, a main column, a sidebar and a footer', async () => {
    stubApi(api);

    renderApp('/');

    const nav = screen.getByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('link', { name: '首页' }).getAttribute('href')).toBe('/');
    expect((await within(nav).findByRole('link', { name: '特稿' })).getAttribute('href')).toBe('/c/features');
    expect(within(nav).getByRole('link', { name: '活动竞赛' }).getAttribute('href')).toBe('/c/activities');
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('complementary', { name: '侧栏' })).toBeTruthy();
    expect(screen.getByRole('contentinfo').textContent).toContain('© 当代秘书');
  });

  it('still offers 首页 when the categories cannot be listed', async () => {
    stubApi({ ...api, 'GET /api/v1/categories': () => jsonResponse({}, 503) });

    renderApp('/');

    const nav = screen.getByRole('navigation', { name: '主导航' });
    await screen.findByRole('link', { name: '当代秘书' });
    expect(within(nav).getAllByRole('link').map((link) => link.textContent)).toEqual(['首页']);
  });

  it('has the member login box in the sidebar', async () => {
    stubApi(api);

    renderApp('/');

    const sidebar = screen.getByRole('complementary', { name: '侧栏' });
    const box = within(sidebar).getByRole('region', { name: /会员登录/ });
    expect(within(box).getByRole('heading', { name: '会员登录 MEMBER LOGIN' })).toBeTruthy();
    // Without a session to restore (this fake API has no refresh), the form.
    expect(await within(box).findByLabelText('用户名')).toBeTruthy();
  });

  it('explains in Chinese when the API answers with a problem', async () => {
    const problem: Problem = {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      code: 'database_unavailable',
      detail: 'The database is unavailable.',
    };
    stubFetch(() => jsonResponse(problem, 503, 'application/problem+json'));

    renderApp('/');

    const alert = await within(screen.getByRole('banner')).findByRole('alert');
    expect(alert.textContent).toContain('站点信息加载失败');
    expect(alert.textContent).toContain('HTTP 503');
    expect(alert.textContent).toContain('database_unavailable');
    // The page's own content says so too, and offers to try again.
    const pageAlert = await within(screen.getByRole('main')).findByRole('alert');
    expect(pageAlert.textContent).toContain('首页内容加载失败');
    expect(within(pageAlert).getByRole('button', { name: '重试' })).toBeTruthy();
  });

  it('explains in Chinese when the server cannot be reached', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));

    renderApp('/');

    const alert = await within(screen.getByRole('banner')).findByRole('alert');
    expect(alert.textContent).toContain('站点信息加载失败');
    expect(alert.textContent).toContain('网络请求未完成');
  });
});

describe('an unknown address', () => {
  it('shows the not-found page inside the layout', async () => {
    stubApi(api);

    renderApp('/no/such/page');

    const main = screen.getByRole('main');
    expect(within(main).getByRole('heading', { level: 1, name: '页面不存在' })).toBeTruthy();
    expect(within(main).getByText('/no/such/page')).toBeTruthy();
    expect(within(main).getByRole('link', { name: '返回首页' }).getAttribute('href')).toBe('/');
    await screen.findByRole('link', { name: '当代秘书' });
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    await waitFor(() => expect(document.title).toBe('页面不存在 - 当代秘书'));
  });
});
