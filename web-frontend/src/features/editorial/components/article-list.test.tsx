import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorialArticlePage, EditorialListItem } from '@/features/editorial/api/list-articles';
import { categoryList, editorMember, home, listItem, sessionFor, site } from '@/testing/fixtures';
import { jsonResponse, loadConsolePages, renderApp, requestsTo, stubApi } from '@/testing/render-app';

function item(id: number, title: string, extra: Partial<EditorialListItem>): EditorialListItem {
  return { ...listItem(id, title), status: 'draft', updated_at: '2026-11-28T02:00:00Z', trashed_at: null, ...extra };
}

const items: EditorialListItem[] = [
  item(3, '草稿一篇', {}),
  item(2, '明年发布的', { status: 'published', published_at: '2099-01-01T00:00:00Z', category_id: 2 }),
  item(1, '已经发布的', { status: 'published', visibility: 'members', headline: true, pinned: true }),
];

const pages = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/home': home,
  'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(editorMember)),
};

beforeAll(loadConsolePages);

describe('the article list of the console', () => {
  it('shows each article’s status, category and visibility, linking to its editor', async () => {
    const page: EditorialArticlePage = { items, page: 1, per_page: 20, total: 3, total_pages: 1 };
    stubApi({ ...pages, 'GET /api/v1/admin/articles': page });

    renderApp('/admin/articles');

    const draft = (await screen.findByRole('link', { name: '草稿一篇' }, { timeout: 5_000 })).closest('li') as HTMLElement;
    expect(within(draft).getByRole('link').getAttribute('href')).toBe('/admin/articles/3');
    expect(draft.textContent).toContain('草稿');
    expect(draft.textContent).toContain('特稿');
    const scheduled = screen.getByRole('link', { name: '明年发布的' }).closest('li') as HTMLElement;
    expect(scheduled.textContent).toContain('定时发布');
    expect(scheduled.textContent).toContain('活动竞赛');
    const live = screen.getByRole('link', { name: '已经发布的' }).closest('li') as HTMLElement;
    expect(live.textContent).toContain('已发布');
    expect(live.textContent).toContain('会员');
    expect([...live.querySelectorAll('.flag-badge')].map((badge) => badge.textContent)).toEqual(['头条', '置顶']);
    expect(draft.querySelectorAll('.flag-badge')).toHaveLength(0);
  });

  it('filters by status, the trash and words, keeping them in the address', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/admin/articles': { items: [], page: 1, per_page: 20, total: 0, total_pages: 0 },
    });

    const { router } = renderApp('/admin/articles');
    const filters = await screen.findByRole('search', { name: '筛选文章' }, { timeout: 5_000 });
    fireEvent.change(within(filters).getByLabelText('状态'), { target: { value: 'trash' } });
    await waitFor(() => expect(router.state.location.search).toBe('?view=trash'));
    expect(await screen.findByText('回收站是空的')).toBeTruthy();

    fireEvent.change(within(screen.getByRole('search', { name: '筛选文章' })).getByLabelText('状态'), { target: { value: 'draft' } });
    fireEvent.change(within(screen.getByRole('search', { name: '筛选文章' })).getByLabelText('标题或摘要'), { target: { value: '秘书' } });
    fireEvent.click(within(screen.getByRole('search', { name: '筛选文章' })).getByRole('button', { name: '搜索' }));
    await waitFor(() => expect(router.state.location.search).toBe('?view=draft&q=%E7%A7%98%E4%B9%A6'));

    await waitFor(() => {
      const asked = requestsTo(fetchMock, 'GET /api/v1/admin/articles').map((request) => new URL(request.url).search);
      expect(asked).toContain('?per_page=20&page=1&trashed=true');
      expect(asked).toContain('?per_page=20&page=1&status=draft&q=%E7%A7%98%E4%B9%A6');
    });
  });

  it('filters by category and flag, keeping them in the address with the other filters', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/admin/articles': (request) => {
        const flag = new URL(request.url).searchParams.get('flag');
        const found = flag === 'headline' ? [items[1]] : [];
        return jsonResponse({ items: found, page: 1, per_page: 20, total: found.length, total_pages: found.length });
      },
    });
    const asked = () => requestsTo(fetchMock, 'GET /api/v1/admin/articles').map((request) => new URL(request.url).search);

    const { router } = renderApp('/admin/articles?view=published');
    const filters = () => screen.getByRole('search', { name: '筛选文章' });
    const category = within(await screen.findByRole('search', { name: '筛选文章' }, { timeout: 5_000 })).getByLabelText('栏目');
    expect([...(category as HTMLSelectElement).options].map((option) => option.textContent)).toEqual(['全部', '特稿', '活动竞赛']);
    const flag = within(filters()).getByLabelText('标记') as HTMLSelectElement;
    expect([...flag.options].map((option) => option.textContent)).toEqual(['全部', '推荐', '头条', '置顶']);

    fireEvent.change(category, { target: { value: 'activities' } });
    await waitFor(() => expect(router.state.location.search).toBe('?view=published&category=activities'));
    expect(await screen.findByText('没有找到符合条件的文章')).toBeTruthy();
    fireEvent.change(within(filters()).getByLabelText('标记'), { target: { value: 'headline' } });
    await waitFor(() => expect(router.state.location.search).toBe('?view=published&category=activities&flag=headline'));
    expect(await screen.findByRole('link', { name: '明年发布的' })).toBeTruthy();
    expect(asked()).toContain('?per_page=20&page=1&status=published&category=activities&flag=headline');

    // 全部 takes a filter off again; the list is read from the address, so 后退 brings it back.
    fireEvent.change(within(filters()).getByLabelText('栏目'), { target: { value: '' } });
    await waitFor(() => expect(router.state.location.search).toBe('?view=published&flag=headline'));
    await waitFor(() => expect(asked()).toContain('?per_page=20&page=1&status=published&flag=headline'));
    await router.navigate(-1);
    await waitFor(() => expect((within(filters()).getByLabelText('栏目') as HTMLSelectElement).value).toBe('activities'));
    expect((within(filters()).getByLabelText('标记') as HTMLSelectElement).value).toBe('headline');
  });

  it('ignores a category or flag in the address that the site does not have', async () => {
    const fetchMock = stubApi({
      ...pages,
      'GET /api/v1/admin/articles': { items: [], page: 1, per_page: 20, total: 0, total_pages: 0 },
    });

    renderApp('/admin/articles?category=gone&flag=sticky');
    const filters = await screen.findByRole('search', { name: '筛选文章' }, { timeout: 5_000 });
    expect((within(filters).getByLabelText('栏目') as HTMLSelectElement).value).toBe('');
    expect((within(filters).getByLabelText('标记') as HTMLSelectElement).value).toBe('');
    await screen.findByText('还没有文章');
    expect(requestsTo(fetchMock, 'GET /api/v1/admin/articles').map((request) => new URL(request.url).search)).toEqual([
      '?per_page=20&page=1',
    ]);
  });
});
