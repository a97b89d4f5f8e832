// Comments against the real API: a member (registered through the API, not signed in in the browser)
// signs in and comments on the seed article with the form's one button; the comment waits for
// review (the default moderation policy holds a new member's comments); an editor approves it
// through the API; then it shows on the home page's 最新评论 and under the article, as the text it
// is — markup and all — and nothing in it runs. Then the pages at 375 px and desktop width.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { answerOf, fitsWidth, launchBrowser, nextCaptcha, waitForTitle, watchForProblems } from './browser.mjs';
import { startKanwu } from './server.mjs';

const seedTitle = '加强秘书队伍建设要坚持“四要”';
const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const phone = { width: 375, height: 812 };
const desktop = { width: 1280, height: 900 };
const suffix = Date.now().toString(36).slice(-6);
const member = { username: `评论者${suffix}`, password: 'kanwu-e2e-2026', displayName: '秘书小王' };
const editor = { username: `editor${suffix}`, password: 'kanwu-editor-2026' };
const payload = '<script>alert(1)</script><img src=x onerror=alert(1)>';
const commentText = `${payload}\n第二行：好文章，受益匪浅。`;
const commentPath = /^\/api\/v1\/articles\/\d+\/comments$/;

/** @type {import('./server.mjs').KanwuServer | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;
/** The seed article's address, found by the first journey. */
let articleUrl = '';
/** Whether the first journey got as far as the comment's approval, which the later ones need. */
let approved = false;

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
  return fetch(`${server.baseUrl}${apiPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Registers the member as the API is meant to be used: a captcha, and its answer from the test header. */
async function registerMember() {
  const captchaResponse = await api('POST', '/api/v1/captchas');
  const answer = await answerOf(captchaResponse);
  const { id } = /** @type {{ id: string }} */ (await captchaResponse.json());
  const response = await api('POST', '/api/v1/members', {
    body: {
      kind: 'personal',
      username: member.username,
      password: member.password,
      display_name: member.displayName,
      captcha_id: id,
      captcha_answer: answer,
    },
  });
  assert.equal(response.status, 201, await response.text());
}

/**
 * Signs in through the API and returns the access token.
 * @param {{ username: string, password: string }} account
 */
async function accessToken(account) {
  const response = await api('POST', '/api/v1/auth/login', {
    body: { username: account.username, password: account.password },
  });
  const body = await response.text();
  assert.equal(response.status, 200, body);
  return /** @type {{ access_token: string }} */ (JSON.parse(body)).access_token;
}

before(async () => {
  server = await startKanwu();
  browser = await launchBrowser();
  await mkdir(resultsDir, { recursive: true });
  await registerMember();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * A fresh browser (no cookies) at `viewport`, recording any dialog a page opens.
 * @param {{ width: number, height: number }} [viewport]
 */
async function newPage(viewport = desktop) {
  assert.ok(browser, 'the browser did not start');
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  const page = await context.newPage();
  /** @type {string[]} */
  const dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, dialogs };
}

/** @param {import('playwright-core').Page} page */
function commentForm(page) {
  return page.getByRole('form', { name: '发表评论' });
}

/** @param {import('playwright-core').Page} page */
function commentList(page) {
  return page.getByRole('region', { name: '最新相关评论' });
}

/**
 * Nothing of the comment ran or became an element: no image from its markup, no dialog.
 * @param {import('playwright-core').Page} page
 * @param {string[]} dialogs
 */
async function nothingRan(page, dialogs) {
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'the comment made an <img> element');
  assert.equal(await page.locator('main script').count(), 0, 'the comment made a <script> element');
  assert.deepEqual(dialogs, []);
}

/**
 * Opens the home page until its 最新评论 shows `text`: the API's read cache and the browser's may each
 * keep the home page a few seconds.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
async function homeShowing(page, text) {
  assert.ok(server);
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.goto(`${server.baseUrl}/`);
    const block = page.getByRole('region', { name: '最新评论' });
    await block.getByRole('heading', { name: '最新评论' }).waitFor();
    await block.locator('.latest-comments, .empty-state').first().waitFor();
    const texts = await block.locator('.latest-comment__text').allTextContents();
    if (texts.includes(text)) {
      return block;
    }
    if (Date.now() > deadline) {
      assert.fail(`最新评论 does not show the comment; it has ${JSON.stringify(texts)}`);
    }
    await page.waitForTimeout(1_000);
  }
}

test('a member signs in and comments in one click; the comment waits, then shows as plain text once approved', async () => {
  assert.ok(server);
  const { page, dialogs } = await newPage();
  const problems = watchForProblems(page);

  // Not signed in: the restore finds no cookie (204, no error).
  const restore = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/auth/refresh');
  await page.goto(`${server.baseUrl}/`);
  assert.equal((await restore).status(), 204);
  await page.getByRole('main').getByRole('region', { name: '特稿' }).getByRole('link', { name: seedTitle }).click();
  await page.getByRole('main').getByRole('heading', { level: 1, name: seedTitle }).waitFor();
  await waitForTitle(page, `${seedTitle} - 当代秘书`);
  articleUrl = page.url();
  await commentList(page).getByText('暂无评论', { exact: true }).waitFor();

  // Starting on the form brings its captcha.
  const form = commentForm(page);
  const captcha = nextCaptcha(page);
  await form.getByLabel('用户名', { exact: true }).fill(member.username);
  const answer = await answerOf(await captcha);
  await form.getByLabel('密码', { exact: true }).fill(member.password);
  await form.getByLabel('评论内容').fill(commentText);
  await form.getByRole('img', { name: '验证码图片' }).waitFor();
  await form.getByLabel('验证码', { exact: true }).fill(answer);
  const login = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/auth/login');
  const posted = page.waitForResponse(
    (response) => response.request().method() === 'POST' && commentPath.test(new URL(response.url()).pathname),
  );
  const afterwards = nextCaptcha(page);
  await form.getByRole('button', { name: '发表我的评论' }).click();

  assert.equal((await login).status(), 200);
  const response = await posted;
  assert.equal(response.status(), 201);
  const created = /** @type {{ id: number, status: string, content: string }} */ (await response.json());
  assert.equal(created.status, 'pending');
  assert.equal(created.content, commentText);
  await form.getByText('评论已提交，等待审核', { exact: true }).waitFor();
  // Signed in by that click, with the box emptied and a fresh captcha.
  await page.getByRole('region', { name: /会员登录/ }).getByText(member.displayName, { exact: true }).waitFor();
  assert.equal(await form.getByLabel('用户名', { exact: true }).count(), 0);
  assert.equal(await form.getByLabel('评论内容').inputValue(), '');
  await answerOf(await afterwards);
  await commentList(page).getByText('暂无评论', { exact: true }).waitFor();
  await page.locator('.article-comments').screenshot({ path: path.join(resultsDir, 'comments-pending-desktop.png') });

  // An editor approves it.
  await server.createAdmin(editor.username, editor.password);
  const token = await accessToken(editor);
  const queue = await api('GET', '/api/v1/admin/comments?status=pending', { token });
  assert.equal(queue.status, 200);
  const pending = /** @type {{ items: Array<{ id: number, content: string }> }} */ (await queue.json()).items;
  const ours = pending.find((item) => item.content === commentText);
  assert.ok(ours, `the pending queue has the comment: ${JSON.stringify(pending)}`);
  assert.equal(ours.id, created.id);
  const approval = await api('PATCH', `/api/v1/admin/comments/${ours.id}`, { token, body: { status: 'approved' } });
  assert.equal(approval.status, 204, await approval.text());
  approved = true;

  // The home page's 最新评论, as text, linking to the article.
  const block = await homeShowing(page, commentText);
  const item = block.getByRole('listitem').filter({ hasText: '<script>alert(1)</script>' });
  assert.equal(await item.count(), 1);
  assert.ok((await item.textContent())?.includes(member.displayName));
  await nothingRan(page, dialogs);
  await item.getByRole('link', { name: seedTitle }).click();

  // And under the article: the text as written, line break kept, with 编辑 and 删除 for its author.
  await page.waitForURL(articleUrl);
  await page.getByRole('main').getByRole('heading', { level: 1, name: seedTitle }).waitFor();
  const comment = commentList(page).getByRole('listitem').filter({ hasText: '<script>alert(1)</script>' });
  await comment.waitFor();
  const text = comment.locator('.comment__text');
  assert.equal(await text.textContent(), commentText);
  assert.equal(await text.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).whiteSpace), 'pre-wrap');
  const rendered = await text.evaluate((element) => /** @type {HTMLElement} */ (element).innerText);
  assert.deepEqual(rendered.split('\n'), commentText.split('\n'));
  assert.equal(await text.evaluate((element) => element.childElementCount), 0);
  assert.ok((await comment.textContent())?.includes(member.displayName));
  await comment.getByRole('button', { name: '编辑' }).waitFor();
  await comment.getByRole('button', { name: '删除' }).waitFor();
  await nothingRan(page, dialogs);
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);

  await fitsWidth(page, desktop.width);
  await page.screenshot({ path: path.join(resultsDir, 'article-comments-member-desktop.png'), fullPage: true });
  await page.locator('.article-comments').screenshot({ path: path.join(resultsDir, 'comments-member-desktop.png') });

  // The keyboard reaches the form's parts in order: the text, the captcha, 换一张, the button.
  await commentForm(page).getByLabel('评论内容').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'captcha_answer');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '换一张');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '发表我的评论');

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});

for (const [name, viewport] of /** @type {const} */ ([
  ['375', phone],
  ['desktop', desktop],
])) {
  test(`the article with its comments and the home page fit a ${name === '375' ? '375 px wide' : 'desktop'} screen`, async () => {
    assert.ok(server);
    assert.ok(approved && articleUrl, 'the first journey posted a comment and had it approved');
    const { page, dialogs } = await newPage(viewport);
    const problems = watchForProblems(page);
    /** @param {string} what */
    const shot = (what) => path.join(resultsDir, `${what}-${name}.png`);

    await homeShowing(page, commentText);
    await fitsWidth(page, viewport.width);
    await page.screenshot({ path: shot('home'), fullPage: true });

    await page.goto(articleUrl);
    await page.getByRole('main').getByRole('heading', { level: 1, name: seedTitle }).waitFor();
    await commentList(page).getByRole('listitem').filter({ hasText: '<script>alert(1)</script>' }).waitFor();
    const captcha = nextCaptcha(page);
    await commentForm(page).getByLabel('评论内容').focus();
    await answerOf(await captcha);
    await commentForm(page).getByRole('img', { name: '验证码图片' }).waitFor();
    await fitsWidth(page, viewport.width);
    await nothingRan(page, dialogs);
    await page.screenshot({ path: shot('article-comments'), fullPage: true });
    await page.locator('.article-comments').screenshot({ path: shot('comments') });
    console.log(`screenshots: ${resultsDir}/{home,article-comments}-${name}.png`);

    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}
