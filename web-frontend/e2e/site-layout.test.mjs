// Journeys through the built SPA as served by the real Kanwu binary.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, watchForProblems } from './browser.mjs';
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

test('the home page shows the site name in the header, without errors', async () => {
  assert.ok(server);
  const page = await newPage();
  const problems = watchForProblems(page);

  const response = await page.goto(`${server.baseUrl}/`);
  assert.equal(response?.status(), 200);

  const banner = page.getByRole('banner');
  await banner.getByRole('heading', { level: 1, name: '当代秘书' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await page.title(), '当代秘书');
  await page.getByRole('main').getByRole('heading', { name: '欢迎访问当代秘书' }).waitFor();

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a client-side address is answered with the SPA, which shows the layout', async () => {
  assert.ok(server);
  const page = await newPage();
  const problems = watchForProblems(page);

  const response = await page.goto(`${server.baseUrl}/c/features`);
  assert.equal(response?.status(), 200);
  assert.match(response?.headers()['content-type'] ?? '', /text\/html/);

  await page.getByRole('banner').getByRole('heading', { level: 1, name: '当代秘书' }).waitFor();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
  await page.getByRole('region', { name: /会员登录/ }).waitFor();
  await page.getByRole('main').waitFor();
  await page.getByRole('contentinfo').waitFor();

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});
