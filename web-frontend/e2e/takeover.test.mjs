// The SPA takes over from the server's page without a jump: each reader's route arrives as complete
// HTML (its main heading in the first response), the SPA draws its first render from the page's data
// island and asks the API for nothing but the view and the session, and the main heading stays where
// the server's page put it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, watchForProblems } from './browser.mjs';
import { startKanwu } from './server.mjs';

const seedTitle = '加强秘书队伍建设要坚持“四要”';
const widths = [1280, 375];

/** @type {import('./server.mjs').KanwuServer | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;
/** @type {Array<{ path: string, heading: string }>} */
let routes = [];

before(async () => {
  // Reading asks for no captcha, so any build of the API will do.
  server = await startKanwu({ testHooks: false });
  browser = await launchBrowser();
  routes = [
    { path: '/', heading: '当代秘书' },
    { path: '/c/features', heading: '特稿' },
    { path: `/a/${await seedArticleId(server.baseUrl)}`, heading: seedTitle },
    { path: `/search?q=${encodeURIComponent('秘书')}`, heading: '搜索“秘书”' },
  ];
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * The seed article's id, from the home page's blocks as the API lists them.
 * @param {string} baseUrl
 */
async function seedArticleId(baseUrl) {
  const response = await fetch(`${baseUrl}/api/v1/home?per_category=10`);
  assert.equal(response.status, 200);
  /** @type {{ categories: Array<{ articles: Array<{ id: number, title: string }> }> }} */
  const home = await response.json();
  const seed = home.categories.flatMap((block) => block.articles).find((article) => article.title === seedTitle);
  assert.ok(seed, 'the demo content has the seed article on the home page');
  return seed.id;
}

/**
 * Waits until the SPA has mounted over the server's page: it takes the data island out once read.
 * @param {import('playwright-core').Page} page
 */
async function spaMounted(page) {
  await page.waitForFunction(() => document.getElementById('kanwu-data') === null && document.querySelector('#root main h1') !== null);
}

/**
 * Where the main heading and the main column are on screen, once the fonts are in.
 * @param {import('playwright-core').Page} page
 */
async function layoutBoxes(page) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const heading = await page.locator('main h1').boundingBox();
  const column = await page.locator('.page__main').boundingBox();
  assert.ok(heading && column, `${page.url()} has a main heading and a main column`);
  return { heading, column: { x: column.x, y: column.y, width: column.width } };
}

test('each reader’s route arrives with its main heading in the HTML, and a data island', async () => {
  assert.ok(server && browser);
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();

  for (const { path, heading } of routes) {
    /** @type {Response} */
    const response = await fetch(server.baseUrl + path);
    assert.equal(response.status, 200, path);
    const html = await response.text();
    // Parsed by the browser's own HTML parser (a template's content is never run), not searched with patterns.
    const parsed = await page.evaluate((source) => {
      const template = document.createElement('template');
      template.innerHTML = source;
      const doc = template.content;
      const island = doc.getElementById('kanwu-data');
      return {
        headings: Array.from(doc.querySelectorAll('#root main h1'), (h1) => h1.textContent?.trim() ?? ''),
        islandType: island?.getAttribute('type'),
        islandKeys: island ? Object.keys(JSON.parse(island.textContent ?? '{}')) : [],
      };
    }, html);
    assert.deepEqual(parsed.headings, [heading], `${path}: the first response's main heading`);
    assert.equal(parsed.islandType, 'application/json', `${path}: the data island`);
    for (const key of ['site', 'categories', 'home']) {
      assert.ok(parsed.islandKeys.includes(key), `${path}: the island holds ${key}`);
    }
  }
  await context.close();
});

test('the SPA mounts over each route asking the API for no GET', async () => {
  assert.ok(server && browser);
  for (const { path, heading } of routes) {
    // A fresh browser each time: no cache, no session hint, as a reader coming from a search engine.
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = watchForProblems(page);
    /** @type {string[]} */
    const apiRequests = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) {
        apiRequests.push(`${request.method()} ${url.pathname}`);
      }
    });

    await page.goto(server.baseUrl + path);
    await spaMounted(page);
    await page.waitForLoadState('networkidle');

    assert.equal((await page.locator('main h1').textContent())?.trim(), heading, path);
    assert.equal(await page.locator('.loading-state').count(), 0, `${path}: nothing is loading`);
    const gets = apiRequests.filter((request) => request.startsWith('GET '));
    assert.deepEqual(gets, [], `${path}: the SPA's first render asked the API for nothing`);
    for (const request of apiRequests) {
      assert.match(request, /^POST \/api\/v1\/(auth\/refresh|articles\/\d+\/views)$/, `${path}: only the session and the view`);
    }
    assert.deepEqual(problems, [], path);
    await context.close();
  }
});

test('the main heading stays where the server’s page put it when the SPA takes over', async () => {
  assert.ok(server && browser);
  for (const width of widths) {
    const viewport = { width, height: 800 };
    // The server's page as it stands before any script runs: the SPA's script is never loaded.
    const staticContext = await browser.newContext({ locale: 'zh-CN', viewport });
    await staticContext.route('**/assets/*.js', (route) => route.abort());
    const liveContext = await browser.newContext({ locale: 'zh-CN', viewport });

    for (const { path } of routes) {
      const staticPage = await staticContext.newPage();
      await staticPage.goto(server.baseUrl + path);
      await staticPage.waitForLoadState('load');
      assert.equal(await staticPage.locator('#kanwu-data').count(), 1, `${path}: no script ran on the server's page`);
      const before = await layoutBoxes(staticPage);

      const livePage = await liveContext.newPage();
      const problems = watchForProblems(livePage);
      await livePage.goto(server.baseUrl + path);
      await spaMounted(livePage);
      await livePage.waitForLoadState('networkidle');
      const after = await layoutBoxes(livePage);

      assert.deepEqual(after, before, `${path} at ${width} px: the heading and the main column did not move`);
      assert.deepEqual(problems, [], path);
      await staticPage.close();
      await livePage.close();
    }
    await staticContext.close();
    await liveContext.close();
  }
});
