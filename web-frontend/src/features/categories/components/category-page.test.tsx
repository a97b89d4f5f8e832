import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ArticlePage } from '@/features/categories/api/list-category-articles';
import { categoryList, featuresDetail, listItem, seedTitle, site } from '@/testing/fixtures';
import { jsonResponse, problemResponse, renderApp, requestsTo, stubApi } from '@/testing/render-app';

/** Three pages of 20; the page asked for decides the titles. */
function articlesOfPage(request: Request) {
  const page = Number(new URL(request.url).searchParams.get('page'));
  const items =
    page === 1 ? [listItem(6, '优质服务助推新型工业化'), listItem(5, seedTitle)] : [listItem(100 + page, `第${page}页的文章`)];
  const body: ArticlePage = { items, page, per_page: 20, total: 45, total_pages: 3 };
  return jsonResponse(body);
}

const api = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/categories/features': featuresDetail,
  'GET /api/v1/articles': articlesOfPage,
};

describe('the category page', () => {
  it('shows the breadcrumb from the site name, the category as the one h1, and the document title', async () => {
    stubApi(api);

    renderApp('/c/features');

    const heading = await screen.findByRole('heading', { level: 1, name: '特稿' });
    expect(screen.getAllByRole('heading', { level: 1 })).toEqual([heading]);
    const breadcrumb = screen.getByRole('navigation', { name: '当前位置' });
    expect(await within(breadcrumb).findByRole('link', { name: '当代秘书' })).toBeTruthy();
    expect(within(breadcrumb).getByRole('link', { name: '当代秘书' }).getAttribute('href')).toBe('/');
    expect(within(breadcrumb).getByText('特稿').getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.title).toBe('特稿 - 当代秘书'));
  });

  it('lists the titles with their dates as the old site printed them', async () => {
    const fetchMock = stubApi(api);

    renderApp('/c/features');

    const seed = await screen.findByRole('link', { name: seedTitle });
    expect(seed.getAttribute('href')).toBe('/a/5');
    expect(seed.closest('li')?.textContent).toBe(`${seedTitle}2007-6-19`);
    const query = new URL(requestsTo(fetchMock, 'GET /api/v1/articles')[0].url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ category: 'features', page: '1', per_page: '20', sort: 'latest' });
    expect(screen.getByText('共 45 篇，第 1/3 页')).toBeTruthy();
  });

  it('links to the other pages with ?page=N, marking the current one', async () => {
    stubApi(api);

    renderApp('/c/features');

    const pages = await screen.findByRole('navigation', { name: '分页' });
    expect(within(pages).queryByRole('link', { name: '上一页' })).toBeNull();
    expect(within(pages).getByText('1').getAttribute('aria-current')).toBe('page');
    expect(within(pages).getByRole('link', { name: '2' }).getAttribute('href')).toBe('/c/features?page=2');
    expect(within(pages).getByRole('link', { name: '3' }).getAttribute('href')).toBe('/c/features?page=3');
    expect(within(pages).getByRole('link', { name: '下一页' }).getAttribute('href')).toBe('/c/features?page=2');
  });

  it('shows the page that ?page= names, with links back and forward', async () => {
    const fetchMock = stubApi(api);

    renderApp('/c/features?page=2');

    expect(await screen.findByRole('link', { name: '第2页的文章' })).toBeTruthy();
    expect(new URL(requestsTo(fetchMock, 'GET /api/v1/articles')[0].url).searchParams.get('page')).toBe('2');
    const pages = screen.getByRole('navigation', { name: '分页' });
    expect(within(pages).getByRole('link', { name: '上一页' }).getAttribute('href')).toBe('/c/features');
    expect(within(pages).getByRole('link', { name: '1' }).getAttribute('href')).toBe('/c/features');
    expect(within(pages).getByText('2').getAttribute('aria-current')).toBe('page');
    expect(within(pages).getByRole('link', { name: '下一页' }).getAttribute('href')).toBe('/c/features?page=3');
    await waitFor(() => expect(document.title).toBe('特稿（第2页） - 当代秘书'));
  });

  it('moves to another page when its link is followed', async () => {
    stubApi(api);

    const { router } = renderApp('/c/features');

    const pages = await screen.findByRole('navigation', { name: '分页' });
    fireEvent.click(within(pages).getByRole('link', { name: '下一页' }));

    expect(await screen.findByRole('link', { name: '第2页的文章' })).toBeTruthy();
    expect(router.state.location.search).toBe('?page=2');
  });

  it('reads a page number it cannot use as the first page', async () => {
    const fetchMock = stubApi(api);

    renderApp('/c/features?page=abc');

    await screen.findByRole('link', { name: seedTitle });
    expect(new URL(requestsTo(fetchMock, 'GET /api/v1/articles')[0].url).searchParams.get('page')).toBe('1');
  });

  it('says 暂无文章 for a category without articles, with no page links', async () => {
    const empty: ArticlePage = { items: [], page: 1, per_page: 20, total: 0, total_pages: 0 };
    stubApi({ ...api, 'GET /api/v1/articles': empty });

    renderApp('/c/features');

    expect(await screen.findByText('暂无文章')).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: '分页' })).toBeNull();
  });

  it('shows the not-found page for a category the API does not know', async () => {
    stubApi({
      ...api,
      'GET /api/v1/categories/nope': () => problemResponse(404, 'not_found'),
    });

    renderApp('/c/nope');

    expect(await screen.findByRole('heading', { level: 1, name: '页面不存在' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: '当前位置' })).toBeNull();
  });

  it('explains in Chinese when the list cannot be loaded', async () => {
    stubApi({ ...api, 'GET /api/v1/articles': () => problemResponse(503, 'database_unavailable') });

    renderApp('/c/features');

    const alert = await within(screen.getByRole('main')).findByRole('alert');
    expect(alert.textContent).toContain('文章列表加载失败');
    expect(alert.textContent).toContain('database_unavailable');
    expect(screen.getByRole('heading', { level: 1, name: '特稿' })).toBeTruthy();
  });
});
