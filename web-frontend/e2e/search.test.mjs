// A reader searches from the header: 秘书 finds the demo titles with the word marked, the seed article
// opens from the results with its 相关文章, and 后退 brings the results (and the query) back.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fitsWidth, launchBrowser, waitForTitle, watchForProblems } from './browser.mjs';
import { startKanwu } from './server.mjs';

const seedTitle = '加强秘书队伍建设要坚持“四要”';
const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const phoneWidth = 375;

/** @type {import('./server.mjs').KanwuServer | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;

before(async () => {
  // Searching and reading ask for no captcha, so any build of the API will do.
  server = await startKanwu({ testHooks: false });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * The header's search box.
 * @param {import('playwright-core').Page} page
 */
function searchBox(page) {
  return page.getByRole('banner').getByRole('search', { name: '站内搜索' }).getByLabel('搜索', { exact: true });
}

/**
 * Types `words` into the header's box and submits them with Enter.
 * @param {import('playwright-core').Page} page
 * @param {string} words
 */
async function search(page, words) {
  const box = searchBox(page);
  await box.fill(words);
  await box.press('Enter');
}

test('a reader searches 秘书 from the header and opens the seed article from the results', async () => {
  assert.ok(server && browser);
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const problems = watchForProblems(page);

  await page.goto(`${server.baseUrl}/`);
  await page.getByRole('main').getByRole('region', { name: '特稿' }).getByRole('listitem').first().waitFor();

  // A blank query goes nowhere.
  await search(page, '   ');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await searchBox(page).evaluate((input) => /** @type {HTMLInputElement} */ (input).validationMessage), '请输入要搜索的文字');

  await search(page, '秘书');
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: '搜索“秘书”', exact: true }).waitFor();
  const address = new URL(page.url());
  assert.equal(address.pathname, '/search');
  assert.equal(address.searchParams.get('q'), '秘书');
  await waitForTitle(page, '搜索“秘书” - 当代秘书');
  assert.equal(await searchBox(page).inputValue(), '秘书');

  // The demo titles with 秘书 in them, the seed article among them, every mark on the word searched.
  const hits = main.getByRole('heading', { level: 2 });
  await hits.first().waitFor();
  const titles = await hits.allTextContents();
  assert.ok(titles.includes(seedTitle), `the seed article is among the hits: ${titles.join(' | ')}`);
  assert.ok(titles.includes('秘书竞赛领证通知'));
  assert.ok(titles.every((title) => title.includes('秘书')), 'title hits come first, and all the demo hits are titles');
  const marks = await main.locator('.search-results mark').allTextContents();
  assert.ok(marks.length >= titles.length, 'each title has its match marked');
  assert.deepEqual([...new Set(marks)], ['秘书']);
  const summary = await main.getByText(/^共 \d+ 篇/).textContent();
  assert.equal(summary, `共 ${titles.length} 篇`);
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);

  await main.getByRole('link', { name: seedTitle, exact: true }).click();
  await main.getByRole('heading', { level: 1, name: seedTitle, exact: true }).waitFor();
  assert.match(new URL(page.url()).pathname, /^\/a\/\d+$/);
  await waitForTitle(page, `${seedTitle} - 当代秘书`);
  assert.equal(await searchBox(page).inputValue(), '', 'the box is empty away from the results');
  const related = main.getByRole('region', { name: '相关文章' });
  await related.getByRole('link').first().waitFor();
  assert.ok((await related.getByRole('link').count()) <= 5);
  assert.ok(!(await related.getByRole('link').allTextContents()).includes(seedTitle), 'an article is not related to itself');

  await page.goBack();
  await main.getByRole('heading', { level: 1, name: '搜索“秘书”', exact: true }).waitFor();
  await main.getByRole('link', { name: seedTitle, exact: true }).waitFor();
  assert.equal(await searchBox(page).inputValue(), '秘书');

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a search that finds nothing says so, and a category narrows a search', async () => {
  assert.ok(server && browser);
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const problems = watchForProblems(page);

  await page.goto(`${server.baseUrl}/c/activities`);
  await page.getByRole('main').getByRole('heading', { level: 1, name: '活动竞赛' }).waitFor();
  await search(page, '不存在的词语');
  const main = page.getByRole('main');
  await main.getByText('没有找到相关文章').waitFor();
  assert.equal(await main.getByRole('navigation', { name: '分页' }).count(), 0);

  await search(page, '秘书');
  await main.getByRole('link', { name: seedTitle, exact: true }).waitFor();
  await main.getByLabel('栏目').selectOption('activities');
  await page.waitForURL((url) => url.searchParams.get('category') === 'activities');
  await main.getByRole('link', { name: seedTitle, exact: true }).waitFor({ state: 'detached' });
  // Another category is a new search: its hits replace a loading state, not the old hits.
  await main.getByRole('heading', { level: 2 }).first().waitFor();
  const titles = await main.getByRole('heading', { level: 2 }).allTextContents();
  assert.ok(titles.length > 0 && titles.every((title) => title.startsWith('秘书竞赛')), titles.join(' | '));

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the results fit a 375 px wide screen', async () => {
  assert.ok(server && browser);
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: phoneWidth, height: 812 } });
  const page = await context.newPage();
  const problems = watchForProblems(page);

  await page.goto(`${server.baseUrl}/`);
  await search(page, '秘书');
  await page.getByRole('main').getByRole('link', { name: seedTitle, exact: true }).waitFor();
  await page.waitForLoadState('networkidle');

  await mkdir(resultsDir, { recursive: true });
  const screenshot = path.join(resultsDir, 'search-375.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
  await fitsWidth(page, phoneWidth);

  await page.setViewportSize({ width: 1000, height: 800 });
  const desktop = path.join(resultsDir, 'search-desktop.png');
  await page.screenshot({ path: desktop });
  console.log(`screenshot: ${desktop}`);

  assert.deepEqual(problems, []);
  await context.close();
});
