import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Site } from '@/features/site/api/get-site';
import type { Problem } from '@/lib/api/client';
import { jsonResponse, renderApp, stubFetch } from '@/testing/render-app';

const site: Site = { name: '当代秘书', description: '秘书工作者的专业期刊' };

describe('the layout', () => {
  it('shows the site name and description returned by the API', async () => {
    const fetchMock = stubFetch(() => jsonResponse(site));

    renderApp('/');

    const banner = screen.getByRole('banner');
    expect(within(banner).getByRole('status').textContent).toContain('正在加载');
    expect(await within(banner).findByRole('heading', { level: 1, name: '当代秘书' })).toBeTruthy();
    expect(within(banner).getByText('秘书工作者的专业期刊')).toBeTruthy();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const request = fetchMock.mock.calls[0][0] as Request;
    expect(new URL(request.url).pathname).toBe('/api/v1/site');
    expect(request.method).toBe('GET');
  });

  it('has a navigation, a main column and a footer', async () => {
    stubFetch(() => jsonResponse(site));

    renderApp('/');

    const nav = screen.getByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('link', { name: '首页' }).getAttribute('href')).toBe('/');
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('contentinfo').textContent).toContain('© 当代秘书');
    await screen.findByRole('heading', { level: 1, name: '当代秘书' });
  });

  it('offers a member login box that is plainly not open yet', async () => {
    stubFetch(() => jsonResponse(site));

    renderApp('/');

    const box = screen.getByRole('region', { name: /会员登录/ });
    expect(within(box).getByRole('heading', { name: '会员登录 MEMBER LOGIN' })).toBeTruthy();
    expect((within(box).getByLabelText('用户名') as HTMLInputElement).disabled).toBe(true);
    expect((within(box).getByLabelText('密码') as HTMLInputElement).disabled).toBe(true);
    expect((within(box).getByRole('button', { name: '登录' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(box).getByText(/尚未开放/)).toBeTruthy();
    for (const name of ['个人会员', '企业会员']) {
      const link = within(box).getByRole('link', { name });
      expect(link.getAttribute('aria-disabled')).toBe('true');
      expect(link.hasAttribute('href')).toBe(false);
    }
    await screen.findByRole('heading', { level: 1, name: '当代秘书' });
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

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('站点信息加载失败');
    expect(alert.textContent).toContain('HTTP 503');
    expect(alert.textContent).toContain('database_unavailable');
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
  });

  it('explains in Chinese when the server cannot be reached', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));

    renderApp('/');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('站点信息加载失败');
    expect(alert.textContent).toContain('网络请求未完成');
  });
});

describe('the home page', () => {
  it('welcomes the reader and says there are no articles yet', async () => {
    stubFetch(() => jsonResponse(site));

    renderApp('/');

    const main = screen.getByRole('main');
    expect(await within(main).findByRole('heading', { level: 2, name: '欢迎访问当代秘书' })).toBeTruthy();
    expect(within(main).getByText('暂无文章')).toBeTruthy();
  });
});

describe('an unknown address', () => {
  it('shows the not-found page inside the layout', async () => {
    stubFetch(() => jsonResponse(site));

    renderApp('/no/such/page');

    const main = screen.getByRole('main');
    expect(within(main).getByRole('heading', { level: 2, name: '页面不存在' })).toBeTruthy();
    expect(within(main).getByText('/no/such/page')).toBeTruthy();
    expect(within(main).getByRole('link', { name: '返回首页' }).getAttribute('href')).toBe('/');
    expect(await screen.findByRole('heading', { level: 1, name: '当代秘书' })).toBeTruthy();
  });
});
