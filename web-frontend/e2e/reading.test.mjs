// A reader's journey through the demo content: from the home page to the seed article, its view
// count, its neighbours to the end of the category, and the article on a phone-sized screen.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser, waitForTitle, watchForProblems } from './browser.mjs';
import { startKanwu } from './server.mjs';

const seedTitle = '加强秘书队伍建设要坚持“四要”';
const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const phoneWidth = 375;

/** @type {import('./server.mjs').KanwuServer | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;

before(async () => {
  server = await startKanwu();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * The article's own heading, once the page shows it.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
async function articleShown(page, title) {
  await page.getByRole('main').getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
}

/**
 * The text of the meta line's view count (访问: N次) once no request is still on its way.
 * @param {import('playwright-core').Page} page
 */
async function viewsShown(page) {
  await page.waitForLoadState('networkidle');
  return page.getByRole('article').getByText(/^访问: \d+次$/).textContent();
}

/**
 * Follows 上一篇 (`prev`) or 下一篇 (`next`) and waits for that article.
 * @param {import('playwright-core').Page} page
 * @param {'prev' | 'next'} rel
 * @returns {Promise<string>} the title of the article it led to
 */
async function follow(page, rel) {
  const before = page.url();
  const link = page.getByRole('navigation', { name: '上一篇和下一篇' }).locator(`a[rel="${rel}"]`);
  const title = (await link.textContent()) ?? '';
  assert.notEqual(title, '');
  // A move within the app is no page load, so `networkidle` would not wait for its view: this does.
  const viewed = page.waitForResponse(
    (response) => response.request().method() === 'POST' && /\/views$/.test(new URL(response.url()).pathname),
  );
  await link.click();
  await articleShown(page, title);
  await viewed;
  assert.notEqual(page.url(), before, 'the address changes with the article');
  assert.match(new URL(page.url()).pathname, /^\/a\/\d+$/);
  return title;
}

test('a reader opens the seed article from the home page, counts one view and walks the category', async () => {
  assert.ok(server && browser);
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const problems = watchForProblems(page);
  /** @type {string[]} */
  const viewPosts = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/v1\/articles\/\d+\/views$/.test(request.url())) {
      viewPosts.push(new URL(request.url()).pathname);
    }
  });

  await page.goto(`${server.baseUrl}/`);
  const block = page.getByRole('main').getByRole('region', { name: '特稿' });
  await block.getByRole('link', { name: seedTitle, exact: true }).click();

  await articleShown(page, seedTitle);
  const seedUrl = page.url();
  await waitForTitle(page, `${seedTitle} - 当代秘书`);
  const breadcrumb = page.getByRole('navigation', { name: '当前位置' });
  assert.equal(await breadcrumb.getByRole('link', { name: '特稿' }).getAttribute('href'), '/c/features');
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
  const meta = page.getByRole('article').getByText(/^作者:/).locator('..');
  await page.getByRole('article').getByText('访问: 494次').waitFor();
  assert.equal((await meta.textContent())?.trim(), '作者: 周辉 发表时间: 2007-6-19 访问: 494次');
  await page.getByText('(作者系中共溆浦县委书记)').waitFor();
  assert.equal(await viewsShown(page), '访问: 494次', '493 and this view');
  const seedId = new URL(seedUrl).pathname.split('/').pop() ?? '';
  assert.deepEqual(viewPosts, [`/api/v1/articles/${seedId}/views`], 'one view sent for the visit');

  // The same reader within 30 minutes is not counted again.
  await page.reload();
  await articleShown(page, seedTitle);
  assert.equal(await viewsShown(page), '访问: 494次');
  assert.equal(viewPosts.length, 2, 'the reload is a visit of its own, which the server does not count');

  const newer = await follow(page, 'next');
  assert.notEqual(newer, seedTitle);
  assert.equal(await follow(page, 'prev'), seedTitle);
  assert.equal(page.url(), seedUrl);
  // The view's answer, once shown (the article itself may come from the API's read cache, a few
  // seconds behind the count).
  await page.getByRole('article').getByText('访问: 494次', { exact: true }).waitFor();

  // Older and older, to the first article of the category.
  /** @type {string[]} */
  const walked = [];
  for (let step = 0; step < 50; step += 1) {
    const neighbours = page.getByRole('navigation', { name: '上一篇和下一篇' });
    if ((await neighbours.locator('a[rel="prev"]').count()) === 0) {
      break;
    }
    walked.push(await follow(page, 'prev'));
  }
  assert.ok(walked.length > 0, 'the seed article has older neighbours');
  assert.equal(new Set(walked).size, walked.length, 'each step reaches a different article');
  const neighbours = page.getByRole('navigation', { name: '上一篇和下一篇' });
  await neighbours.getByText('上一篇: 没有相关信息').waitFor();
  assert.equal(await neighbours.locator('a[rel="next"]').count(), 1);

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the seed article fits a 375 px wide screen', async () => {
  assert.ok(server && browser);
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: phoneWidth, height: 812 } });
  const page = await context.newPage();
  const problems = watchForProblems(page);

  await page.goto(`${server.baseUrl}/`);
  await page.getByRole('main').getByRole('region', { name: '特稿' }).getByRole('link', { name: seedTitle }).click();
  await articleShown(page, seedTitle);
  await page.waitForLoadState('networkidle');

  await mkdir(resultsDir, { recursive: true });
  const screenshot = path.join(resultsDir, 'article-375.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);

  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= phoneWidth, `the page is ${scrollWidth} px wide, wider than the ${phoneWidth} px screen`);

  assert.deepEqual(problems, []);
  await context.close();
});
