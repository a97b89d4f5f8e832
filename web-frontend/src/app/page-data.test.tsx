import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  approvedComment,
  categoryList,
  commentPage,
  featuresDetail,
  home,
  listItem,
  personalMember,
  searchPage,
  secretaryHits,
  seedArticle,
  seedTitle,
  sessionFor,
  site,
} from '@/testing/fixtures';
import {
  jsonResponse,
  rememberSignedIn,
  renderApp,
  requestsTo,
  signedOut,
  stubApi,
  testQueryClient,
} from '@/testing/render-app';
import { PAGE_DATA_ID, seedQueries, takePageData } from './page-data';

/** The island's JSON as the server escapes it, so no text in it can end the script or a line. */
function escapeAsTheServerDoes(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Puts a data island into the document, as the server writes it before `</body>`; returns its text. */
function serverIsland(text: string): string {
  document.body.insertAdjacentHTML('beforeend', `<script id="${PAGE_DATA_ID}" type="application/json">${text}</script>`);
  return text;
}

/** Starts the app as `main.tsx` does: the island read into a fresh cache, then the first render (StrictMode). */
function takeOver(path: string) {
  const queryClient = testQueryClient();
  const data = takePageData();
  if (data !== undefined) {
    seedQueries(queryClient, data);
  }
  return renderApp(path, { strict: true, queryClient });
}

/** What every page's island holds: the layout's answers. */
const layout = { site, categories: categoryList, home };

const featuresList = {
  items: [listItem(6, '优质服务助推新型工业化'), listItem(5, seedTitle)],
  page: 1,
  per_page: 20,
  total: 2,
  total_pages: 1,
};

/** A visitor's browser: the session restore (a 204) and an article's view are the only requests it may make. */
function visitorApi() {
  return stubApi({
    'POST /api/v1/auth/refresh': signedOut,
    'POST /api/v1/articles/5/views': { views: 494 },
  });
}

const tick = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

/** The requests made, as `METHOD /path`, sorted. */
function requestsMade(fetchMock: ReturnType<typeof stubApi>): string[] {
  return fetchMock.mock.calls
    .map(([input]) => input as Request)
    .map((request) => `${request.method} ${new URL(request.url).pathname}`)
    .sort();
}

/** Nothing on the page says it is still loading. */
function expectNothingLoading() {
  expect(document.querySelector('.loading-state')).toBeNull();
  expect(screen.queryByText(/^正在/)).toBeNull();
}

describe('taking over from the server’s page', () => {
  it('draws the home page from the island on the first render and asks the API for nothing', async () => {
    serverIsland(escapeAsTheServerDoes(JSON.stringify(layout)));
    const fetchMock = visitorApi();

    takeOver('/');

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('当代秘书');
    expect(screen.getAllByRole('link', { name: '优质服务助推新型工业化' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('navigation', { name: '主导航' }).textContent).toContain('活动竞赛');
    expect(within(screen.getByRole('region', { name: /会员登录/ })).getByLabelText('用户名')).toBeTruthy();
    expectNothingLoading();
    await tick();
    expect(requestsMade(fetchMock)).toEqual(['POST /api/v1/auth/refresh']);
  });

  it('draws a category’s page from the island and asks the API for nothing', async () => {
    serverIsland(
      escapeAsTheServerDoes(
        JSON.stringify({ ...layout, category: featuresDetail, category_articles: { page: 1, list: featuresList } }),
      ),
    );
    const fetchMock = visitorApi();

    takeOver('/c/features');

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('特稿');
    expect(screen.getAllByRole('link', { name: seedTitle }).some((link) => link.getAttribute('href') === '/a/5')).toBe(true);
    expectNothingLoading();
    await tick();
    expect(requestsMade(fetchMock)).toEqual(['POST /api/v1/auth/refresh']);
  });

  it('draws an article with its comments from the island; only its view is sent', async () => {
    const comments = commentPage([approvedComment(30, '写得很实在')]);
    serverIsland(escapeAsTheServerDoes(JSON.stringify({ ...layout, article: seedArticle, comments })));
    const fetchMock = visitorApi();

    takeOver('/a/5');

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(seedTitle);
    expect(screen.getByText('秘书工作是党委、政府的一项重要工作。')).toBeTruthy();
    expect(screen.getByText('写得很实在')).toBeTruthy();
    expect(screen.getByRole('form', { name: '发表评论' })).toBeTruthy();
    expectNothingLoading();
    await waitFor(() => expect(screen.getByText('访问: 494次')).toBeTruthy());
    await tick();
    expect(requestsMade(fetchMock)).toEqual(['POST /api/v1/articles/5/views', 'POST /api/v1/auth/refresh']);
  });

  it('draws search results from the island and asks the API for nothing', async () => {
    const search = { q: '秘书', category: null, page: 1, results: searchPage(secretaryHits) };
    serverIsland(escapeAsTheServerDoes(JSON.stringify({ ...layout, search })));
    const fetchMock = visitorApi();

    takeOver('/search?q=%E7%A7%98%E4%B9%A6');

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('搜索“秘书”');
    expect(screen.getByText(/共 3 篇/)).toBeTruthy();
    expect(within(screen.getByRole('main')).getByRole('link', { name: '秘书竞赛领证通知' }).getAttribute('href')).toBe('/a/12');
    expectNothingLoading();
    await tick();
    expect(requestsMade(fetchMock)).toEqual(['POST /api/v1/auth/refresh']);
  });

  it('asks for nothing at all, the session included, in a browser whose last visit ended signed out', async () => {
    serverIsland(escapeAsTheServerDoes(JSON.stringify(layout)));
    localStorage.setItem('kanwu-session', 'signed-out');
    const fetchMock = visitorApi();

    takeOver('/');

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('当代秘书');
    await tick();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows a returning member the server’s article while the session is restored, then the member’s copy', async () => {
    serverIsland(escapeAsTheServerDoes(JSON.stringify({ ...layout, article: seedArticle, comments: commentPage([]) })));
    rememberSignedIn();
    const fetchMock = stubApi({
      'POST /api/v1/auth/refresh': () => jsonResponse(sessionFor(personalMember, 'member-token')),
      'POST /api/v1/articles/5/views': { views: 494 },
      'GET /api/v1/articles/5': { ...seedArticle, title: '会员看到的标题' },
      'GET /api/v1/members/me/comments': { items: [], page: 1, per_page: 100, total: 0, total_pages: 0 },
    });

    takeOver('/a/5');

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(seedTitle);
    expect(await screen.findByRole('heading', { level: 1, name: '会员看到的标题' })).toBeTruthy();
    const [memberRead] = requestsTo(fetchMock, 'GET /api/v1/articles/5');
    expect(memberRead.headers.get('Authorization')).toBe('Bearer member-token');
  });

  it('shows the island’s dates in the zone the site keeps, from the first render', () => {
    const lateArticle = { ...seedArticle, published_at: '2026-01-01T23:30:00Z' };
    serverIsland(
      escapeAsTheServerDoes(
        JSON.stringify({ ...layout, site: { ...site, time_zone: 'Europe/London' }, article: lateArticle, comments: commentPage([]) }),
      ),
    );
    visitorApi();

    takeOver('/a/5');

    expect(screen.getByText('2026-1-1').getAttribute('datetime')).toBe('2026-01-01T23:30:00Z');
  });

  it('shows a day in Beijing time when the site keeps the default zone', () => {
    const lateArticle = { ...seedArticle, published_at: '2026-01-01T23:30:00Z' };
    serverIsland(escapeAsTheServerDoes(JSON.stringify({ ...layout, article: lateArticle, comments: commentPage([]) })));
    visitorApi();

    takeOver('/a/5');

    expect(screen.getByText('2026-1-2').tagName).toBe('TIME');
  });

  it('turns the escaped </script> and line separators back into the title’s own text, as text', () => {
    const title = '</script><script>alert(1)</script>\u2028“四要”\u2029 & <b>';
    const island = serverIsland(
      escapeAsTheServerDoes(JSON.stringify({ ...layout, article: { ...seedArticle, title }, comments: commentPage([]) })),
    );
    visitorApi();

    const { container } = takeOver('/a/5');

    expect(island).toContain('\\u003c/script\\u003e');
    expect(island).not.toMatch(/<\/script|\u2028|\u2029/);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title);
    expect(container.querySelector('script, b')).toBeNull();
  });

  it('takes the island out of the document once read', () => {
    serverIsland(escapeAsTheServerDoes(JSON.stringify(layout)));

    expect(takePageData()).toEqual(layout);
    expect(document.getElementById(PAGE_DATA_ID)).toBeNull();
    expect(takePageData()).toBeUndefined();
  });
});

describe('a page without a usable island', () => {
  const api = {
    'GET /api/v1/site': site,
    'GET /api/v1/categories': categoryList,
    'GET /api/v1/home': home,
    'POST /api/v1/auth/refresh': signedOut,
  };

  it('fetches what it needs when there is no island', async () => {
    const fetchMock = stubApi(api);

    takeOver('/');

    expect(await screen.findByRole('heading', { level: 1, name: '当代秘书' })).toBeTruthy();
    expect(await screen.findAllByRole('link', { name: '优质服务助推新型工业化' })).not.toHaveLength(0);
    expect(requestsTo(fetchMock, 'GET /api/v1/home').length).toBeGreaterThan(0);
  });

  it('ignores an island that is not JSON, takes it out, and fetches', async () => {
    serverIsland('{"site": {"name": "当代秘书"');
    const fetchMock = stubApi(api);

    takeOver('/');

    expect(document.getElementById(PAGE_DATA_ID)).toBeNull();
    expect(await screen.findAllByRole('link', { name: '优质服务助推新型工业化' })).not.toHaveLength(0);
    expect(requestsTo(fetchMock, 'GET /api/v1/site').length).toBeGreaterThan(0);
  });

  it('fetches a member that is not of the expected shape and uses the others', async () => {
    serverIsland(escapeAsTheServerDoes(JSON.stringify({ ...layout, home: 'not an answer', categories: [] })));
    const fetchMock = stubApi(api);

    takeOver('/');

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('当代秘书');
    expect(await screen.findAllByRole('link', { name: '优质服务助推新型工业化' })).not.toHaveLength(0);
    expect(requestsTo(fetchMock, 'GET /api/v1/home').length).toBeGreaterThan(0);
    expect(requestsTo(fetchMock, 'GET /api/v1/categories').length).toBeGreaterThan(0);
    expect(requestsTo(fetchMock, 'GET /api/v1/site')).toHaveLength(0);
  });
});
