// Journeys through the built SPA as served by the real Kanwu binary.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, waitForTitle, watchForProblems } from './browser.mjs';
import { startKanwu } from './server.mjs';

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

/** @returns {Promise<import('playwright-core').Page>} */
async function newPage() {
  assert.ok(browser, 'the browser did not start');
  const context = await browser.newContext({ locale: 'zh-CN' });
  return context.newPage();
}

test('the home page shows the site name in the header and the demo categories, without errors', async () => {
  assert.ok(server);
  const page = await newPage();
  const problems = watchForProblems(page);

  const response = await page.goto(`${server.baseUrl}/`);
  assert.equal(response?.status(), 200);

  const banner = page.getByRole('banner');
  assert.equal(await banner.getByRole('link', { name: '当代秘书' }).getAttribute('href'), '/');
  assert.equal(await banner.getByRole('heading').count(), 0);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: '当代秘书' }).waitFor({ state: 'attached' });
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
  await waitForTitle(page, '当代秘书');

  for (const name of ['特稿', '活动竞赛']) {
    const block = main.getByRole('region', { name });
    await block.getByRole('listitem').first().waitFor();
    assert.equal(await block.getByRole('listitem').count(), 10);
  }
  await main.getByRole('region', { name: '推荐' }).getByText('暂无推荐文章').waitFor();

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a client-side address is answered with the SPA, which shows the layout and the page', async () => {
  assert.ok(server);
  const page = await newPage();
  const problems = watchForProblems(page);

  const response = await page.goto(`${server.baseUrl}/c/features`);
  assert.equal(response?.status(), 200);
  assert.match(response?.headers()['content-type'] ?? '', /text\/html/);

  await page.getByRole('banner').getByRole('link', { name: '当代秘书' }).waitFor();
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link', { name: '活动竞赛' }).waitFor();
  await page.getByRole('region', { name: /会员登录/ }).waitFor();
  await page.getByRole('main').getByRole('heading', { level: 1, name: '特稿' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
  await page.getByRole('contentinfo').waitFor();
  await waitForTitle(page, '特稿 - 当代秘书');

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});
