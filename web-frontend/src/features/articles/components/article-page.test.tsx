import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Article } from '@/features/articles/api/get-article';
import type { ViewCount } from '@/features/articles/api/record-view';
import { categoryList, commentPage, home, seedArticle, seedTitle, site } from '@/testing/fixtures';
import { jsonResponse, problemResponse, renderApp, requestsTo, stubApi } from '@/testing/render-app';

const older: Article = {
  ...seedArticle,
  id: 4,
  title: '充分发挥党委办公室在促进发',
  author: '',
  author_note: null,
  views: 0,
  body_html: '<p>（demo）</p>',
  prev: null,
  next: { id: 5, title: seedTitle },
};

/** Counts like the API: each POST for an article adds one to its views. */
function countingViews(start: Record<number, number>) {
  const views = { ...start };
  return (request: Request) => {
    const id = Number(new URL(request.url).pathname.split('/')[4]);
    views[id] = (views[id] ?? 0) + 1;
    const body: ViewCount = { views: views[id], counted: true };
    return jsonResponse(body);
  };
}

/** A fresh fake API for each test, so view counts start where the fixtures say. */
function makeApi() {
  return {
    'GET /api/v1/site': site,
    'GET /api/v1/categories': categoryList,
    'GET /api/v1/articles/5': seedArticle,
    'POST /api/v1/articles/5/views': countingViews({ 5: 493 }),
    'GET /api/v1/articles/5/comments': commentPage([]),
    'GET /api/v1/articles/4/comments': commentPage([]),
    'GET /api/v1/articles/4': older,
    'POST /api/v1/articles/4/views': countingViews({ 4: 0 }),
  };
}

describe('the article page', () => {
  it('shows the breadcrumb, the title as the one h1, and the document title', async () => {
    stubApi(makeApi());

    renderApp('/a/5');

    const heading = await screen.findByRole('heading', { level: 1, name: seedTitle });
    expect(screen.getAllByRole('heading', { level: 1 })).toEqual([heading]);
    const breadcrumb = screen.getByRole('navigation', { name: '当前位置' });
    expect((await within(breadcrumb).findByRole('link', { name: '当代秘书' })).getAttribute('href')).toBe('/');
    expect(within(breadcrumb).getByRole('link', { name: '特稿' }).getAttribute('href')).toBe('/c/features');
    await waitFor(() => expect(document.title).toBe(`${seedTitle} - 当代秘书`));
  });

  it('shows the meta line, the body and the author note as the old page did', async () => {
    stubApi(makeApi());

    renderApp('/a/5');

    const article = await screen.findByRole('article');
    expect(within(article).getByRole('heading', { level: 2, name: '一、政治上要忠诚可靠' })).toBeTruthy();
    expect(within(article).getByText('秘书工作是党委、政府的一项重要工作。')).toBeTruthy();
    expect(within(article).getByText('(作者系中共溆浦县委书记)')).toBeTruthy();
    const meta = within(article).getByText(/^作者:/).parentElement;
    await waitFor(() => expect(meta?.textContent).toBe('作者: 周辉 发表时间: 2007-6-19 访问: 494次'));
  });

  it('links 上一篇 and 下一篇 to the neighbouring articles', async () => {
    stubApi(makeApi());

    renderApp('/a/5');

    const neighbours = await screen.findByRole('navigation', { name: '上一篇和下一篇' });
    const previous = within(neighbours).getByRole('link', { name: '充分发挥党委办公室在促进发' });
    expect(previous.getAttribute('href')).toBe('/a/4');
    expect(previous.closest('p')?.textContent).toBe('上一篇: 充分发挥党委办公室在促进发');
    const next = within(neighbours).getByRole('link', { name: '优质服务助推新型工业化' });
    expect(next.getAttribute('href')).toBe('/a/6');
    expect(next.closest('p')?.textContent).toBe('下一篇: 优质服务助推新型工业化');
  });

  it('says 没有相关信息 where there is no previous or next article', async () => {
    stubApi({ ...makeApi(), 'GET /api/v1/articles/5': { ...seedArticle, prev: null, next: null } });

    renderApp('/a/5');

    const neighbours = await screen.findByRole('navigation', { name: '上一篇和下一篇' });
    expect(within(neighbours).queryByRole('link')).toBeNull();
    expect(Array.from(neighbours.querySelectorAll('p'), (p) => p.textContent)).toEqual([
      '上一篇: 没有相关信息',
      '下一篇: 没有相关信息',
    ]);
  });

  it('lists 相关文章 under the article as links, before the comments', async () => {
    stubApi(makeApi());

    renderApp('/a/5');

    const related = await screen.findByRole('region', { name: '相关文章' });
    expect(within(related).getByRole('heading', { level: 2, name: '相关文章' })).toBeTruthy();
    expect(
      within(related)
        .getAllByRole('link')
        .map((link) => [link.textContent, link.getAttribute('href')]),
    ).toEqual([
      ['办公室人员要爱岗、敬业、创', '/a/7'],
      ['秘书竞赛领证通知', '/a/12'],
    ]);
    const neighbours = screen.getByRole('navigation', { name: '上一篇和下一篇' });
    const form = screen.getByRole('region', { name: '发表评论' });
    expect(neighbours.compareDocumentPosition(related) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(related.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('says 没有相关信息 when the article has no related articles', async () => {
    stubApi({ ...makeApi(), 'GET /api/v1/articles/5': { ...seedArticle, related: [] } });

    renderApp('/a/5');

    const related = await screen.findByRole('region', { name: '相关文章' });
    expect(within(related).queryByRole('link')).toBeNull();
    expect(within(related).getByText('没有相关信息')).toBeTruthy();
  });

  it('opens a related article from the list', async () => {
    const related: Article = { ...older, id: 7, title: '办公室人员要爱岗、敬业、创', related: [{ id: 5, title: seedTitle }] };
    stubApi({
      ...makeApi(),
      'GET /api/v1/articles/7': related,
      'POST /api/v1/articles/7/views': countingViews({ 7: 0 }),
      'GET /api/v1/articles/7/comments': commentPage([]),
    });

    const { router } = renderApp('/a/5');

    const list = await screen.findByRole('region', { name: '相关文章' });
    fireEvent.click(within(list).getByRole('link', { name: '办公室人员要爱岗、敬业、创' }));

    expect(await screen.findByRole('heading', { level: 1, name: '办公室人员要爱岗、敬业、创' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/a/7');
    const back = screen.getByRole('region', { name: '相关文章' });
    expect(within(back).getByRole('link', { name: seedTitle }).getAttribute('href')).toBe('/a/5');
  });

  it('leaves out the author and the note when the article has none', async () => {
    stubApi(makeApi());

    renderApp('/a/4');

    const article = await screen.findByRole('article');
    expect(within(article).queryByText(/作者/)).toBeNull();
    await waitFor(() => expect(within(article).getByText('访问: 1次')).toBeTruthy());
    expect(within(article).getByText(/2007-6-19/)).toBeTruthy();
  });

  it('has its comments under it, after 上一篇 and 下一篇', async () => {
    stubApi(makeApi());

    renderApp('/a/5');

    const neighbours = await screen.findByRole('navigation', { name: '上一篇和下一篇' });
    const form = screen.getByRole('region', { name: '发表评论' });
    const latest = screen.getByRole('region', { name: '最新相关评论' });
    expect(neighbours.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(form.compareDocumentPosition(latest) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(await within(latest).findByText('暂无评论')).toBeTruthy();
  });

  it('lists the latest titles of each category in the sidebar, as the old page did', async () => {
    stubApi({ ...makeApi(), 'GET /api/v1/home': home });

    renderApp('/a/5');

    const sidebar = screen.getByRole('complementary', { name: '侧栏' });
    const block = await within(sidebar).findByRole('region', { name: '特稿' });
    const link = within(block).getByRole('link', { name: seedTitle });
    expect(link.getAttribute('href')).toBe('/a/5');
    expect(link.getAttribute('title')).toBe(seedTitle);
    expect(within(sidebar).getByRole('region', { name: '活动竞赛' })).toBeTruthy();
    expect(within(sidebar).getByRole('region', { name: /会员登录/ })).toBeTruthy();
  });

  it('sends the view once, in StrictMode too, and shows the count it returns', async () => {
    let answerView: (response: Response) => void = () => {};
    const fetchMock = stubApi({
      ...makeApi(),
      'POST /api/v1/articles/5/views': () => new Promise<Response>((resolve) => (answerView = resolve)),
    });

    renderApp('/a/5', { strict: true });

    const article = await screen.findByRole('article');
    // Until the server answers, the count the article came with.
    expect(within(article).getByText('访问: 493次')).toBeTruthy();
    await waitFor(() => expect(requestsTo(fetchMock, 'POST /api/v1/articles/5/views')).toHaveLength(1));
    const body: ViewCount = { views: 494, counted: true };
    answerView(jsonResponse(body));
    expect(await within(article).findByText('访问: 494次')).toBeTruthy();

    // Re-renders and a little time send nothing more.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const views = requestsTo(fetchMock, 'POST /api/v1/articles/5/views');
    expect(views).toHaveLength(1);
    expect(await views[0].text()).toBe('');
    expect(within(article).getByText('访问: 494次')).toBeTruthy();
  });

  it('sends one view for each article the reader moves to', async () => {
    const fetchMock = stubApi(makeApi());

    const { router } = renderApp('/a/5', { strict: true });

    await screen.findByText('访问: 494次');
    fireEvent.click(screen.getByRole('link', { name: '充分发挥党委办公室在促进发' }));

    expect(await screen.findByRole('heading', { level: 1, name: '充分发挥党委办公室在促进发' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/a/4');
    expect(await screen.findByText('访问: 1次')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/articles/4/views')).toHaveLength(1);
    expect(requestsTo(fetchMock, 'POST /api/v1/articles/5/views')).toHaveLength(1);

    // Back to the first: a new visit, so a new view (the server decides whether it counts).
    fireEvent.click(screen.getByRole('link', { name: seedTitle }));
    expect(await screen.findByText('访问: 495次')).toBeTruthy();
    expect(requestsTo(fetchMock, 'POST /api/v1/articles/5/views')).toHaveLength(2);
  });

  it('keeps the loaded count when the view cannot be counted', async () => {
    stubApi({ ...makeApi(), 'POST /api/v1/articles/5/views': () => problemResponse(503, 'database_unavailable') });

    renderApp('/a/5');

    const article = await screen.findByRole('article');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(within(article).getByText('访问: 493次')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the not-found page for a missing article and counts no view', async () => {
    const fetchMock = stubApi({
      ...makeApi(),
      'GET /api/v1/articles/999': () => problemResponse(404, 'not_found', 'no published article has id 999'),
    });

    renderApp('/a/999');

    expect(await screen.findByRole('heading', { level: 1, name: '页面不存在' })).toBeTruthy();
    expect(screen.getByText('/a/999')).toBeTruthy();
    expect(requestsTo(fetchMock, 'GET /api/v1/articles/999')).toHaveLength(1);
    expect(requestsTo(fetchMock, 'POST /api/v1/articles/999/views')).toHaveLength(0);
    await waitFor(() => expect(document.title).toBe('页面不存在 - 当代秘书'));
  });

  it('shows the not-found page for an address that is not an article id, without asking the API', async () => {
    const fetchMock = stubApi(makeApi());

    renderApp('/a/abc');

    expect(screen.getByRole('heading', { level: 1, name: '页面不存在' })).toBeTruthy();
    await screen.findByRole('link', { name: '当代秘书' });
    expect(fetchMock.mock.calls.some(([input]) => (input as Request).url.includes('/articles'))).toBe(false);
  });

  it('explains in Chinese when the article cannot be loaded, and tries again on request', async () => {
    let attempts = 0;
    stubApi({
      ...makeApi(),
      'GET /api/v1/articles/5': () => {
        attempts += 1;
        return attempts === 1 ? problemResponse(503, 'database_unavailable') : jsonResponse(seedArticle);
      },
    });

    renderApp('/a/5');

    const alert = await within(screen.getByRole('main')).findByRole('alert');
    expect(alert.textContent).toContain('文章加载失败');
    expect(alert.textContent).toContain('HTTP 503');
    fireEvent.click(within(alert).getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('heading', { level: 1, name: seedTitle })).toBeTruthy();
  });

  it('shows the summary and 登录后阅读 in place of a members-only body, and 企业会员专享 for an enterprise one', async () => {
    const { body_html: _html, body_markdown: _markdown, ...withoutBody } = seedArticle;
    void _html;
    void _markdown;
    stubApi({
      ...makeApi(),
      'GET /api/v1/articles/5': { ...withoutBody, summary: '谈秘书队伍建设的四点要求。', visibility: 'members', restricted: 'members' },
      'GET /api/v1/articles/4': { ...older, body_html: undefined, body_markdown: undefined, visibility: 'enterprise', restricted: 'enterprise' },
    });
    renderApp('/a/5');
    const notice = await screen.findByRole('note');
    expect(within(notice).getByText('登录后阅读')).toBeTruthy();
    expect(within(notice).getByRole('link', { name: '注册会员' }).getAttribute('href')).toBe('/register');
    expect(document.querySelector('.article__body')).toBeNull();
    expect(screen.getByText('谈秘书队伍建设的四点要求。').className).toBe('article__summary');

    fireEvent.click(screen.getByRole('link', { name: '充分发挥党委办公室在促进发' }));
    expect(within(await screen.findByRole('note')).getByText('企业会员专享')).toBeTruthy();
  });
});
