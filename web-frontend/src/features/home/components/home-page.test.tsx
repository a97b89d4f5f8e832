import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Home } from '@/features/home/api/get-home';
import { categoryList, home, seedTitle, site } from '@/testing/fixtures';
import { renderApp, requestsTo, stubApi } from '@/testing/render-app';

const api = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
};

describe('the home page', () => {
  it('has a block per top-level category, headed by a link to the category', async () => {
    const fetchMock = stubApi(api);

    renderApp('/');

    const block = await screen.findByRole('region', { name: '特稿' });
    const heading = within(block).getByRole('heading', { level: 2, name: '特稿' });
    expect(within(heading).getByRole('link', { name: '特稿' }).getAttribute('href')).toBe('/c/features');
    expect(screen.getByRole('region', { name: '活动竞赛' })).toBeTruthy();
    const query = new URL(requestsTo(fetchMock, 'GET /api/v1/home')[0].url).searchParams;
    expect(query.get('per_category')).toBe('10');
  });

  it('lists the latest titles of each category as links to the articles, the whole title on hover', async () => {
    stubApi(api);

    renderApp('/');

    const block = await screen.findByRole('region', { name: '特稿' });
    const links = within(block).getAllByRole('link');
    // The heading's link first, then the titles newest first.
    expect(links.map((link) => link.textContent)).toEqual([
      '特稿',
      '优质服务助推新型工业化',
      seedTitle,
      '充分发挥党委办公室在促进发',
    ]);
    const seed = within(block).getByRole('link', { name: seedTitle });
    expect(seed.getAttribute('href')).toBe('/a/5');
    expect(seed.getAttribute('title')).toBe(seedTitle);
    const activities = screen.getByRole('region', { name: '活动竞赛' });
    expect(within(activities).getByRole('link', { name: '秘书竞赛领证通知' }).getAttribute('href')).toBe('/a/12');
  });

  it('shows the featured articles and the most viewed of the week with their views', async () => {
    stubApi(api);

    renderApp('/');

    const featured = await screen.findByRole('region', { name: '推荐' });
    expect(within(featured).getByRole('link', { name: seedTitle }).getAttribute('href')).toBe('/a/5');
    const popular = screen.getByRole('region', { name: '本周热门' });
    const items = within(popular).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([`${seedTitle}42次`, '优质服务助推新型工业化7次']);
  });

  it('says so in Chinese when there is nothing featured or popular yet', async () => {
    stubApi({ ...api, 'GET /api/v1/home': { ...home, featured: [], most_viewed_week: [] } });

    renderApp('/');

    const featured = await screen.findByRole('region', { name: '推荐' });
    expect(within(featured).getByText('暂无推荐文章')).toBeTruthy();
    expect(within(featured).queryByRole('link')).toBeNull();
    expect(within(screen.getByRole('region', { name: '本周热门' })).getByText('本周暂无热门文章')).toBeTruthy();
  });

  it('says there is nothing yet on a site without categories', async () => {
    stubApi({ ...api, 'GET /api/v1/home': { categories: [], featured: [], most_viewed_week: [], latest_comments: [] } });

    renderApp('/');

    expect(await screen.findByText('暂无栏目')).toBeTruthy();
  });

  it('has one h1, named after the site, and the site name as the document title', async () => {
    stubApi(api);

    renderApp('/');

    await screen.findByRole('region', { name: '特稿' });
    const headings = screen.getAllByRole('heading', { level: 1 });
    expect(headings).toHaveLength(1);
    expect(within(screen.getByRole('main')).getByRole('heading', { level: 1, name: '当代秘书' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('当代秘书'));
  });

  it('keeps the sidebar to the login box, the blocks being in the main column', async () => {
    stubApi(api);

    renderApp('/');

    await screen.findByRole('region', { name: '特稿' });
    const sidebar = screen.getByRole('complementary', { name: '侧栏' });
    expect(within(sidebar).getAllByRole('region')).toHaveLength(1);
    expect(within(sidebar).queryByRole('region', { name: '特稿' })).toBeNull();
  });

  it('shows a loading state, then the blocks', async () => {
    stubApi(api);

    renderApp('/');

    expect(within(screen.getByRole('main')).getByRole('status').textContent).toBe('正在加载首页内容…');
    await screen.findByRole('region', { name: '特稿' });
    expect(within(screen.getByRole('main')).queryByRole('status')).toBeNull();
  });

  it('shows the latest comments as text, each linking to its article', async () => {
    const latestComments: Home['latest_comments'] = [
      {
        id: 9,
        article_id: 5,
        article_title: seedTitle,
        author: { display_name: '秘书小周', kind: 'personal' },
        content: '<script>alert(1)</script>\n说得好',
        created_at: '2026-11-28T02:04:31Z',
      },
      {
        id: 8,
        article_id: 6,
        article_title: '优质服务助推新型工业化',
        author: { display_name: '秘书文化有限公司', kind: 'enterprise' },
        content: '长'.repeat(300),
        created_at: '2026-11-27T02:04:31Z',
      },
    ];
    stubApi({ ...api, 'GET /api/v1/home': { ...home, latest_comments: latestComments } });

    renderApp('/');

    const block = await screen.findByRole('region', { name: '最新评论' });
    const [first, second] = within(block).getAllByRole('listitem');
    expect(within(first).getByText((_, element) => element?.textContent === '<script>alert(1)</script>\n说得好')).toBeTruthy();
    expect(block.querySelector('script')).toBeNull();
    expect(within(first).getByRole('link', { name: seedTitle }).getAttribute('href')).toBe('/a/5');
    expect(first.textContent).toContain('秘书小周 评论');
    expect(first.querySelector('time')?.textContent).toBe('2026-11-28 10:04');
    expect(within(second).getByRole('link', { name: '优质服务助推新型工业化' }).getAttribute('href')).toBe('/a/6');
    expect(within(second).getByText(/^长+…$/).textContent).toHaveLength(121);
  });

  it('says 暂无评论 when nobody has commented yet', async () => {
    stubApi(api);

    renderApp('/');

    const block = await screen.findByRole('region', { name: '最新评论' });
    expect(within(block).getByText('暂无评论')).toBeTruthy();
  });
});
