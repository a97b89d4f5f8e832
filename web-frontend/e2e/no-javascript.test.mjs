// A reader whose browser runs no JavaScript (Baidu's crawler reads much like this): the server's HTML
// alone carries them from the home page's blocks to a category, through its pages, into an article and
// along 上一篇/下一篇, and through the header's search form (narrowed to a category) to a hit. Every
// step is a full page load of a server-rendered page, and none of them asks the API for anything.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fitsWidth, launchBrowser, watchForProblems } from './browser.mjs';
import { startKanwu } from './server.mjs';

const seedTitle = '加强秘书队伍建设要坚持“四要”';
const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const suffix = Date.now().toString(36).slice(-6);
const admin = { username: `admin${suffix}`, password: 'kanwu-admin-2026' };
/** The demo has 10 articles in 特稿 and a category page shows 20: these make it two pages. */
const addedArticles = 15;
const perPage = 20;
const desktop = { width: 1280, height: 900 };
const phone = { width: 375, height: 812 };

/** @type {import('./server.mjs').KanwuServer | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;

/**
 * A JSON request to the API from the test itself (not the browser).
 * @param {string} method
 * @param {string} apiPath
 * @param {{ body?: unknown, token?: string }} [options]
 */
async function api(method, apiPath, { body, token } = {}) {
  assert.ok(server);
  /** @type {Record<string, string>} */
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${server.baseUrl}${apiPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${apiPath}: ${response.status} ${text}`);
  return /** @type {unknown} */ (JSON.parse(text));
}

before(async () => {
  // Reading asks for no captcha, so any build of the API will do.
  server = await startKanwu({ testHooks: false });
  browser = await launchBrowser();
  await mkdir(resultsDir, { recursive: true });

  await server.createAdmin(admin.username, admin.password);
  const { access_token: token } = /** @type {{ access_token: string }} */ (
    await api('POST', '/api/v1/auth/login', { body: { username: admin.username, password: admin.password } })
  );
  const { category } = /** @type {{ category: { id: number } }} */ (await api('GET', '/api/v1/categories/features'));
  // Published now, so newer than every demo article: the demo's oldest five move to page 2.
  for (let n = 1; n <= addedArticles; n += 1) {
    await api('POST', '/api/v1/articles', {
      token,
      body: { category_id: category.id, title: `特稿补充第${n}篇`, body_markdown: `第${n}篇补充文章的正文。`, status: 'published' },
    });
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * A fresh context without JavaScript that records the path of every request its pages make.
 * @param {{ width: number, height: number }} viewport
 */
async function pageWithoutJavaScript(viewport) {
  assert.ok(browser);
  const context = await browser.newContext({ locale: 'zh-CN', javaScriptEnabled: false, viewport });
  const page = await context.newPage();
  /** @type {string[]} */
  const requested = [];
  page.on('request', (request) => requested.push(`${request.method()} ${new URL(request.url()).pathname}`));
  return { context, page, requested, problems: watchForProblems(page) };
}

/**
 * The problems a reader without JavaScript would notice. Chromium with scripts off still starts the
 * head's `modulepreload` and cancels it, reporting the cancel as "csp" (it does so on a page served
 * without any Content-Security-Policy too): that is the browser declining a script, not a fault.
 * @param {string[]} problems
 */
function noticeable(problems) {
  return problems.filter((problem) => !/^request failed: GET \S+\/assets\/[^/\s]+\.js \(csp\)$/.test(problem));
}

/**
 * Clicks `link` and waits for the page it loads, which must be a full page load answered 200 with HTML.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} link
 */
async function follow(page, link) {
  const loaded = page.waitForResponse((response) => response.request().isNavigationRequest() && response.frame() === page.mainFrame());
  await link.click();
  const response = await loaded;
  await page.waitForLoadState('load');
  assert.equal(response.status(), 200, response.url());
  assert.match(response.headers()['content-type'] ?? '', /^text\/html/);
}

/**
 * The titles of a category page's list, in order.
 * @param {import('playwright-core').Page} page
 */
function listedTitles(page) {
  return page.getByRole('main').locator('.title-list').getByRole('link').allTextContents();
}

/**
 * Reads an article page: its one heading, and the article's own text beneath it.
 * @param {import('playwright-core').Page} page
 */
async function articleHeading(page) {
  const headings = page.getByRole('main').getByRole('heading', { level: 1 });
  assert.equal(await headings.count(), 1);
  return (await headings.textContent()) ?? '';
}

test('without JavaScript a reader goes from the home page through a category, its pages, an article and its neighbours to a search hit', async () => {
  assert.ok(server);
  const { context, page, requested, problems } = await pageWithoutJavaScript(desktop);
  const shot = (/** @type {string} */ name) => path.join(resultsDir, `no-javascript-${name}-desktop.png`);

  const home = await page.goto(`${server.baseUrl}/`);
  assert.equal(home?.status(), 200);
  const main = page.getByRole('main');
  const features = main.getByRole('region', { name: '特稿' });
  assert.ok((await features.getByRole('listitem').count()) > 0, 'the 特稿 block lists titles');
  assert.equal(await main.getByRole('region', { name: '活动竞赛' }).getByRole('link', { name: '秘书竞赛领证通知' }).count(), 1);
  await page.screenshot({ path: shot('home'), fullPage: true });

  // The block's heading leads to the category; 20 titles on page 1, the rest on page 2.
  await follow(page, features.getByRole('heading', { level: 2 }).getByRole('link', { name: '特稿' }));
  assert.equal(new URL(page.url()).pathname, '/c/features');
  assert.equal(await main.getByRole('heading', { level: 1 }).textContent(), '特稿');
  const firstPage = await listedTitles(page);
  assert.equal(firstPage.length, perPage);
  assert.equal(firstPage[0], `特稿补充第${addedArticles}篇`, 'the newest first');
  const total = 10 + addedArticles;
  assert.equal(await main.getByText(/^共 \d+ 篇/).textContent(), `共 ${total} 篇，第 1/2 页`);
  const pagination = main.getByRole('navigation', { name: '分页' });
  assert.equal(await pagination.locator('a[rel="prev"]').count(), 0, 'no page before the first');

  await follow(page, pagination.getByRole('link', { name: '下一页' }));
  assert.equal(new URL(page.url()).search, '?page=2');
  const secondPage = await listedTitles(page);
  assert.equal(secondPage.length, total - perPage);
  assert.ok(secondPage.includes(seedTitle), `the seed article is among the oldest: ${secondPage.join(' | ')}`);
  assert.equal(secondPage.filter((title) => firstPage.includes(title)).length, 0, 'page 2 repeats nothing of page 1');
  assert.equal(await main.getByText(/^共 \d+ 篇/).textContent(), `共 ${total} 篇，第 2/2 页`);
  assert.equal(await pagination.locator('a[rel="next"]').count(), 0, 'no page after the last');
  assert.equal(await pagination.getByRole('link', { name: '上一页' }).getAttribute('rel'), 'prev');
  await page.screenshot({ path: shot('category-page-2'), fullPage: true });

  // The seed article, read from the HTML alone.
  await follow(page, main.getByRole('link', { name: seedTitle, exact: true }));
  const seedPath = new URL(page.url()).pathname;
  assert.match(seedPath, /^\/a\/\d+$/);
  assert.equal(await articleHeading(page), seedTitle);
  assert.equal(await page.title(), `${seedTitle} - 当代秘书`);
  const breadcrumb = page.getByRole('navigation', { name: '当前位置' });
  assert.equal(await breadcrumb.getByRole('link', { name: '特稿' }).getAttribute('href'), '/c/features');
  const article = page.getByRole('article');
  assert.match((await article.getByText(/^作者:/).locator('..').textContent()) ?? '', /^作者: 周辉 发表时间: 2007-6-19 访问: \d+次$/);
  assert.ok(await article.getByRole('heading', { level: 2, name: '一、政治上要忠诚可靠' }).isVisible());
  assert.ok(await article.getByText(/^忠诚可靠，是对所有秘书人员的最基本要求。/).isVisible());
  assert.ok(await article.getByText('(作者系中共溆浦县委书记)').isVisible());
  await page.screenshot({ path: shot('article'), fullPage: true });

  // 下一篇 and back by 上一篇, then 上一篇: each a real link to an article of its own.
  const neighbours = () => page.getByRole('navigation', { name: '上一篇和下一篇' });
  const newer = (await neighbours().locator('a[rel="next"]').textContent()) ?? '';
  await follow(page, neighbours().locator('a[rel="next"]'));
  assert.equal(await articleHeading(page), newer);
  assert.notEqual(new URL(page.url()).pathname, seedPath);
  await follow(page, neighbours().locator('a[rel="prev"]'));
  assert.equal(await articleHeading(page), seedTitle);
  assert.equal(new URL(page.url()).pathname, seedPath);
  const older = (await neighbours().locator('a[rel="prev"]').textContent()) ?? '';
  await follow(page, neighbours().locator('a[rel="prev"]'));
  assert.equal(await articleHeading(page), older);
  assert.ok(![seedTitle, newer].includes(older));

  // The header's search form is a GET form: it works without the SPA.
  const searchForm = page.getByRole('banner').getByRole('search', { name: '站内搜索' });
  await searchForm.getByLabel('搜索', { exact: true }).fill('秘书');
  await follow(page, searchForm.getByRole('button', { name: '搜索' }));
  const address = new URL(page.url());
  assert.equal(address.pathname, '/search');
  assert.equal(address.searchParams.get('q'), '秘书');
  assert.equal(await main.getByRole('heading', { level: 1 }).textContent(), '搜索“秘书”');
  const hits = main.locator('.search-results').getByRole('heading', { level: 2 });
  const allHits = await hits.allTextContents();
  assert.ok(allHits.includes(seedTitle) && allHits.includes('秘书竞赛领证通知'), allHits.join(' | '));
  await page.screenshot({ path: shot('search'), fullPage: true });

  // Narrowed to 特稿 by the results' own filter, then a hit opened.
  await main.getByLabel('栏目').selectOption('features');
  await follow(page, main.getByRole('button', { name: '筛选' }));
  assert.equal(new URL(page.url()).searchParams.get('category'), 'features');
  assert.equal(new URL(page.url()).searchParams.get('q'), '秘书');
  assert.deepEqual(await hits.allTextContents(), [seedTitle], 'only the 特稿 hit is left');
  await follow(page, hits.getByRole('link', { name: seedTitle }));
  assert.equal(new URL(page.url()).pathname, seedPath);
  assert.equal(await articleHeading(page), seedTitle);

  const apiRequests = requested.filter((request) => request.split(' ')[1].startsWith('/api/'));
  assert.deepEqual(apiRequests, [], 'without JavaScript the pages ask the API for nothing');
  assert.deepEqual(noticeable(problems), []);
  await context.close();
});

test('without JavaScript the seed article and a category page fit a 375 px wide screen', async () => {
  assert.ok(server);
  const { context, page, requested, problems } = await pageWithoutJavaScript(phone);

  await page.goto(`${server.baseUrl}/c/features?page=2`);
  assert.equal((await listedTitles(page)).length, 10 + addedArticles - perPage);
  await fitsWidth(page, phone.width);
  await page.screenshot({ path: path.join(resultsDir, 'no-javascript-category-page-2-375.png'), fullPage: true });

  await follow(page, page.getByRole('main').getByRole('link', { name: seedTitle, exact: true }));
  assert.equal(await articleHeading(page), seedTitle);
  await fitsWidth(page, phone.width);
  await page.screenshot({ path: path.join(resultsDir, 'no-javascript-article-375.png'), fullPage: true });

  assert.deepEqual(requested.filter((request) => request.split(' ')[1].startsWith('/api/')), []);
  assert.deepEqual(noticeable(problems), []);
  await context.close();
});
