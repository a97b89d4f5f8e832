import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchPage } from '@/features/search/api/search-articles';
import { categoryList, listItem, searchHit, searchPage, secretaryHits, seedTitle, site } from '@/testing/fixtures';
import { invalidFields, jsonResponse, problemResponse, renderApp, requestsTo, stubApi } from '@/testing/render-app';

/** 秘书, URL-encoded as the search box writes it. */
const secretary = '%E7%A7%98%E4%B9%A6';

const api = {
  'GET /api/v1/site': site,
  'GET /api/v1/categories': categoryList,
  'GET /api/v1/search': searchPage(secretaryHits),
};

/** Three pages of 20 hits; the page asked for decides the titles. */
function hitsOfPage(request: Request) {
  const page = Number(new URL(request.url).searchParams.get('page'));
  const title = `第${page}页的秘书文章`;
  const body: SearchPage = searchPage([searchHit(listItem(100 + page, title), title.replace('秘书', '<mark>秘书</mark>'))], page, 45);
  return jsonResponse(body);
}

const results = () => screen.getByRole('main');

describe('the search results page', () => {
  it('asks the API for the query and shows 搜索“秘书” as the one h1, the count and the document title', async () => {
    const fetchMock = stubApi(api);

    renderApp(`/search?q=${secretary}`);

    const heading = await screen.findByRole('heading', { level: 1, name: '搜索“秘书”' });
    expect(screen.getAllByRole('heading', { level: 1 })).toEqual([heading]);
    expect(await within(results()).findByText('共 3 篇')).toBeTruthy();
    const breadcrumb = screen.getByRole('navigation', { name: '当前位置' });
    expect(within(breadcrumb).getByText('搜索').getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.title).toBe('搜索“秘书” - 当代秘书'));
    const query = new URL(requestsTo(fetchMock, 'GET /api/v1/search')[0].url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ q: '秘书', page: '1', per_page: '20' });
  });

  it('shows each hit with its marked title linking to the article, the passage, its category and date', async () => {
    stubApi(api);

    renderApp(`/search?q=${secretary}`);

    const link = await within(results()).findByRole('link', { name: seedTitle });
    expect(link.getAttribute('href')).toBe('/a/5');
    expect(link.closest('h2')).toBeTruthy();
    expect(Array.from(link.querySelectorAll('mark'), (mark) => mark.textContent)).toEqual(['秘书']);
    const hit = link.closest('li') as HTMLElement;
    const passage = within(hit).getByText(/工作是党委、政府的一项重要工作/);
    expect(Array.from(passage.querySelectorAll('mark'), (mark) => mark.textContent)).toEqual(['秘书', '秘书']);
    expect(within(hit).getByRole('link', { name: '特稿' }).getAttribute('href')).toBe('/c/features');
    expect(within(hit).getByText('2007-6-19').getAttribute('datetime')).toBe('2007-06-19T00:00:00Z');
    const titles = within(results()).getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(titles).toEqual([seedTitle, '秘书竞赛领证通知', '秘书竞赛部分照片']);
    const other = within(results()).getByRole('link', { name: '秘书竞赛领证通知' }).closest('li') as HTMLElement;
    expect(within(other).getByRole('link', { name: '活动竞赛' }).getAttribute('href')).toBe('/c/activities');
  });

  it('inserts the API’s escaped HTML as it is: its entities show as text and only <mark> is markup', async () => {
    const hit = searchHit(
      listItem(9, '<b>秘书</b> & “四要”'),
      '&lt;b&gt;<mark>秘书</mark>&lt;/b&gt; &amp; “四要”',
      '&lt;script&gt;alert(1)&lt;/script&gt; <mark>秘书</mark>',
    );
    stubApi({ ...api, 'GET /api/v1/search': searchPage([hit]) });

    renderApp(`/search?q=${secretary}`);

    const link = await within(results()).findByRole('link', { name: '<b>秘书</b> & “四要”' });
    expect(link.querySelector('b')).toBeNull();
    expect(link.querySelector('mark')?.textContent).toBe('秘书');
    const passage = within(results()).getByText(/alert\(1\)/);
    expect(passage.textContent).toBe('<script>alert(1)</script> 秘书');
    expect(document.querySelector('main script')).toBeNull();
  });

  it('links to the other pages of the same search, marking the current one', async () => {
    const fetchMock = stubApi({ ...api, 'GET /api/v1/search': hitsOfPage });

    const { router } = renderApp(`/search?q=${secretary}&page=2`);

    expect(await within(results()).findByRole('link', { name: '第2页的秘书文章' })).toBeTruthy();
    expect(new URL(requestsTo(fetchMock, 'GET /api/v1/search')[0].url).searchParams.get('page')).toBe('2');
    expect(screen.getByText('共 45 篇，第 2/3 页')).toBeTruthy();
    const pages = screen.getByRole('navigation', { name: '分页' });
    expect(within(pages).getByRole('link', { name: '上一页' }).getAttribute('href')).toBe(`/search?q=${secretary}`);
    expect(within(pages).getByText('2').getAttribute('aria-current')).toBe('page');
    expect(within(pages).getByRole('link', { name: '下一页' }).getAttribute('href')).toBe(`/search?q=${secretary}&page=3`);
    await waitFor(() => expect(document.title).toBe('搜索“秘书”（第2页） - 当代秘书'));

    fireEvent.click(within(pages).getByRole('link', { name: '下一页' }));
    expect(await within(results()).findByRole('link', { name: '第3页的秘书文章' })).toBeTruthy();
    expect(router.state.location.search).toBe(`?q=${secretary}&page=3`);
  });

  it('says 没有找到相关文章 when nothing matches, with no page links', async () => {
    stubApi({ ...api, 'GET /api/v1/search': searchPage([]) });

    renderApp('/search?q=xyz');

    expect(await within(results()).findByText('没有找到相关文章')).toBeTruthy();
    expect(within(results()).getByText(/请换一个词语/)).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: '分页' })).toBeNull();
    expect(screen.queryByText(/共 \d+ 篇/)).toBeNull();
  });

  it('narrows the search to a category from the 栏目 list, kept in the address', async () => {
    const fetchMock = stubApi(api);

    const { router } = renderApp(`/search?q=${secretary}`);

    const select = await within(results()).findByLabelText<HTMLSelectElement>('栏目');
    expect(Array.from(select.options, (option) => option.textContent)).toEqual(['全部栏目', '特稿', '活动竞赛']);
    fireEvent.change(select, { target: { value: 'activities' } });

    await waitFor(() => expect(router.state.location.search).toBe(`?q=${secretary}&category=activities`));
    await waitFor(() => expect(requestsTo(fetchMock, 'GET /api/v1/search')).toHaveLength(2));
    const sent = new URL(requestsTo(fetchMock, 'GET /api/v1/search')[1].url).searchParams;
    expect(sent.get('category')).toBe('activities');
    expect(within(results()).getByLabelText<HTMLSelectElement>('栏目').value).toBe('activities');
  });

  it('explains a query the API cannot search for, in Chinese', async () => {
    stubApi({ ...api, 'GET /api/v1/search': () => invalidFields({ field: 'q', code: 'required' }) });

    renderApp('/search?q=%EF%BC%81%EF%BC%81');

    const alert = await within(results()).findByRole('alert');
    expect(alert.textContent).toContain('请输入要搜索的文字');
    expect(within(alert).queryByRole('button', { name: '重试' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: '搜索“！！”' })).toBeTruthy();
  });

  it('says a query is too long', async () => {
    stubApi({ ...api, 'GET /api/v1/search': () => invalidFields({ field: 'q', code: 'too_long' }) });

    renderApp(`/search?q=${'a'.repeat(65)}`);

    expect((await within(results()).findByRole('alert')).textContent).toContain('请不要超过 64 个字');
  });

  it('says a category no longer exists and offers the search in every category', async () => {
    stubApi({ ...api, 'GET /api/v1/search': () => problemResponse(404, 'not_found', 'no category is called gone') });

    renderApp(`/search?q=${secretary}&category=gone`);

    const alert = await within(results()).findByRole('alert');
    expect(alert.textContent).toContain('所选栏目不存在');
    expect(within(alert).getByRole('link', { name: '在全部栏目中搜索“秘书”' }).getAttribute('href')).toBe(`/search?q=${secretary}`);
  });

  it('explains a failure in Chinese and tries again on request', async () => {
    let attempts = 0;
    stubApi({
      ...api,
      'GET /api/v1/search': () => {
        attempts += 1;
        return attempts === 1 ? problemResponse(503, 'database_unavailable') : jsonResponse(searchPage(secretaryHits));
      },
    });

    renderApp(`/search?q=${secretary}`);

    const alert = await within(results()).findByRole('alert');
    expect(alert.textContent).toContain('搜索失败');
    expect(alert.textContent).toContain('database_unavailable');
    fireEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(await within(results()).findByRole('link', { name: seedTitle })).toBeTruthy();
  });

  it('asks for words, and the API for nothing, without a query', async () => {
    const fetchMock = stubApi(api);

    renderApp('/search?q=%20%20');

    expect(screen.getByRole('heading', { level: 1, name: '搜索' })).toBeTruthy();
    expect(within(results()).getByText(/请在页面上方的搜索框中输入/)).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('搜索 - 当代秘书'));
    expect(requestsTo(fetchMock, 'GET /api/v1/search')).toHaveLength(0);
  });
});
