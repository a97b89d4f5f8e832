// The admin console against the real API: an admin (made with `kanwu create-admin`) promotes a
// registered member to editor through the API; the editor signs in on /admin, writes an article,
// uploads a PNG, puts it in the body and makes it the cover, sees the preview (image included) as the
// API renders it, publishes it, finds it with the list's filters, and it leads its category on the
// home page and reads as written, with the image served by the API. A member who types /admin is turned away without the console asking the API
// for anything, and so is a visitor who is not signed in. An admin approves members' waiting comments
// in bulk, makes an API token that works, and finds both in the audit log. Then the console at 375 px.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { answerOf, fitsWidth, launchBrowser, waitForTitle, watchForProblems } from './browser.mjs';
import { startKanwu } from './server.mjs';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const phone = { width: 375, height: 812 };
const desktop = { width: 1280, height: 900 };
const suffix = Date.now().toString(36).slice(-6);
const admin = { username: `admin${suffix}`, password: 'kanwu-admin-2026' };
const editor = { username: `编辑${suffix}`, password: 'kanwu-editor-2026', displayName: '李编辑' };
const member = { username: `读者${suffix}`, password: 'kanwu-member-2026', displayName: '读者小张' };
const secondMember = { username: `读者二${suffix}`, password: 'kanwu-member2-2026', displayName: '读者小王' };
const article = {
  title: `秘书工作的新要求 ${suffix}`,
  author: '李编辑',
  summary: '新形势下做好秘书工作的几点体会。',
  heading: '一、加强理论学习',
  body: `## 一、加强理论学习\n\n秘书工作者要把学习放在首位。\n\n## 二、提高服务水平\n\n服务是秘书工作的根本。`,
  imageAlt: '秘书培训会场',
};
/** A real 1×1 PNG (a red pixel): the API recognises an image by its bytes, not by its name. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** @type {import('./server.mjs').KanwuServer | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;
/** Where the PNG to upload is written. */
let uploadDir = '';
/** The published article's page, found by the first journey. */
let articleUrl = '';
/** Its id. */
let articleId = 0;

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

/**
 * Registers a personal member as the API is meant to be used (a captcha and its answer from the
 * test header) and returns their id.
 * @param {{ username: string, password: string, displayName: string }} account
 */
async function register(account) {
  const captchaResponse = await api('POST', '/api/v1/captchas');
  const answer = await answerOf(captchaResponse);
  const { id } = /** @type {{ id: string }} */ (await captchaResponse.json());
  const response = await api('POST', '/api/v1/members', {
    body: {
      kind: 'personal',
      username: account.username,
      password: account.password,
      display_name: account.displayName,
      captcha_id: id,
      captcha_answer: answer,
    },
  });
  const text = await response.text();
  assert.equal(response.status, 201, text);
  return /** @type {{ member: { id: number } }} */ (JSON.parse(text)).member.id;
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
  uploadDir = await mkdtemp(path.join(tmpdir(), 'kanwu-e2e-upload-'));
  await server.createAdmin(admin.username, admin.password);
  const adminToken = await accessToken(admin);
  const editorId = await register(editor);
  const promoted = await api('PATCH', `/api/v1/admin/members/${editorId}`, { token: adminToken, body: { role: 'editor' } });
  assert.equal(promoted.status, 200, await promoted.text());
  await register(member);
  await register(secondMember);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (uploadDir !== '') await rm(uploadDir, { recursive: true, force: true });
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
function loginBox(page) {
  return page.getByRole('region', { name: /会员登录/ });
}

/**
 * Signs in with the sidebar's login box and waits until it greets the member.
 * @param {import('playwright-core').Page} page
 * @param {{ username: string, password: string, displayName: string }} account
 */
async function signIn(page, account) {
  const box = loginBox(page);
  await box.getByLabel('用户名', { exact: true }).fill(account.username);
  await box.getByLabel('密码', { exact: true }).fill(account.password);
  await box.getByRole('button', { name: '登录' }).click();
  await box.getByText(account.displayName, { exact: true }).waitFor();
}

/**
 * The requests a page made to the console's part of the API (`/api/v1/admin/…`), recorded from now on.
 * @param {import('playwright-core').Page} page
 */
function consoleRequests(page) {
  /** @type {string[]} */
  const seen = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/v1/admin/')) seen.push(`${request.method()} ${pathname}`);
  });
  return seen;
}

/**
 * Opens the home page until the first title in 特稿 is `title`: the API's read cache and the
 * browser's may each keep the home page a few seconds.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
async function homeLeadingWith(page, title) {
  assert.ok(server);
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.goto(`${server.baseUrl}/`);
    const block = page.getByRole('main').getByRole('region', { name: '特稿' });
    await block.locator('.title-list__link').first().waitFor();
    const titles = await block.locator('.title-list__link').allTextContents();
    if (titles[0] === title) {
      return block;
    }
    if (Date.now() > deadline) {
      assert.fail(`特稿 on the home page starts with ${JSON.stringify(titles[0])}, not the new article`);
    }
    await page.waitForTimeout(1_000);
  }
}

test('an editor signs in on /admin, writes an article with an image, previews it, publishes it, and it leads its category', async () => {
  assert.ok(server);
  const { page, dialogs } = await newPage();
  const problems = watchForProblems(page);

  // Not signed in: asked to sign in first, and the login box beside brings the console.
  await page.goto(`${server.baseUrl}/admin`);
  await page.getByRole('heading', { level: 1, name: '请先登录' }).waitFor();
  await waitForTitle(page, '请先登录 - 当代秘书');
  await signIn(page, editor);
  await page.getByRole('heading', { level: 1, name: '文章管理' }).waitFor();
  await waitForTitle(page, '文章管理 - 管理后台 - 当代秘书');
  assert.equal(new URL(page.url()).pathname, '/admin/articles');
  const nav = page.getByRole('navigation', { name: '管理后台' });
  assert.deepEqual(await nav.getByRole('link').allTextContents(), ['文章', '栏目', '评论审核', 'API 令牌']);
  assert.equal(await loginBox(page).getByRole('link', { name: '管理后台' }).count(), 1);

  // A new article.
  await page.getByRole('link', { name: '新建文章' }).click();
  const form = page.getByRole('form', { name: '新建文章' });
  await form.waitFor();
  await waitForTitle(page, '新建文章 - 管理后台 - 当代秘书');
  await form.getByLabel('标题', { exact: true }).fill(article.title);
  await form.getByLabel('作者', { exact: true }).fill(article.author);
  await form.getByLabel('栏目', { exact: true }).selectOption({ label: '特稿' });
  await form.getByLabel('摘要', { exact: true }).fill(article.summary);
  const previewed = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/v1/articles/preview' && response.request().method() === 'POST',
  );
  await form.getByLabel('正文（Markdown）').fill(article.body);

  // The preview is the API's rendering: the Markdown heading is a heading.
  assert.equal((await previewed).status(), 200);
  const preview = form.getByRole('region', { name: /预览/ });
  await preview.getByRole('heading', { level: 2, name: article.heading }).waitFor();
  await preview.getByText('服务是秘书工作的根本。', { exact: true }).waitFor();

  // 上传图片: a real PNG from disk, sent as multipart with the editor's token.
  const pngPath = path.join(uploadDir, '培训会场.png');
  await writeFile(pngPath, PIXEL_PNG);
  const uploadedResponse = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/v1/media' && response.request().method() === 'POST',
  );
  await form.getByLabel('上传图片').setInputFiles(pngPath);
  const upload = await uploadedResponse;
  assert.equal(upload.status(), 201);
  assert.match(upload.request().headers()['content-type'] ?? '', /^multipart\/form-data; boundary=/);
  const media = /** @type {{ url: string, file_name: string, content_type: string, byte_size: number }} */ (await upload.json());
  assert.match(media.url, /^\/media\/[0-9a-f]{64}\.png$/);
  assert.deepEqual([media.file_name, media.content_type, media.byte_size], ['培训会场.png', 'image/png', PIXEL_PNG.length]);
  const uploaded = form.getByRole('group', { name: '已上传的图片' });
  await uploaded.getByText(media.url, { exact: true }).waitFor();

  // 插入正文 with a description: the body ends with the image, and the preview shows it, loaded.
  await uploaded.getByLabel('图片说明').fill(article.imageAlt);
  await uploaded.getByRole('button', { name: '插入正文' }).click();
  const markdown = await form.getByLabel('正文（Markdown）').inputValue();
  assert.ok(markdown.endsWith(`\n\n![${article.imageAlt}](${media.url})`), markdown);
  const previewImage = preview.getByRole('img', { name: article.imageAlt });
  await previewImage.waitFor();
  assert.equal(await previewImage.getAttribute('src'), media.url);
  await page.waitForFunction(
    (url) => Array.from(document.querySelectorAll('img')).some((img) => img.getAttribute('src') === url && img.complete && img.naturalWidth === 1),
    media.url,
  );

  // 设为封面: the cover field takes the address, and a thumbnail of it shows.
  await uploaded.getByRole('button', { name: '设为封面' }).click();
  assert.equal(await form.getByLabel('封面图片').inputValue(), media.url);
  await form.getByRole('img', { name: '封面预览' }).waitFor();
  await page.screenshot({ path: path.join(resultsDir, 'admin-editor-desktop.png'), fullPage: true });

  // The image is what the API serves at that address.
  const served = await fetch(`${server.baseUrl}${media.url}`);
  assert.equal(served.status, 200);
  assert.match(served.headers.get('content-type') ?? '', /^image\/png/);
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), PIXEL_PNG);

  // 立即发布: the article gets its own address in the console, published.
  const created = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/v1/articles' && response.request().method() === 'POST',
  );
  await form.getByRole('button', { name: '立即发布' }).click();
  const response = await created;
  assert.equal(response.status(), 201);
  assert.match((await response.allHeaders()).etag ?? '', /^"a\d+v\d+"$/);
  const saved = /** @type {{ id: number, status: string, cover_url: string | null, body_markdown: string }} */ (await response.json());
  assert.equal(saved.status, 'published');
  assert.equal(saved.cover_url, media.url);
  assert.ok(saved.body_markdown.includes(`![${article.imageAlt}](${media.url})`));
  await page.waitForURL(`${server.baseUrl}/admin/articles/${saved.id}`);
  const edit = page.getByRole('form', { name: '编辑文章' });
  await edit.getByText('文章已发布。', { exact: true }).waitFor();
  await edit.getByText('已发布', { exact: true }).waitFor();
  await waitForTitle(page, '编辑文章 - 管理后台 - 当代秘书');

  // The list of the console has it first.
  await nav.getByRole('link', { name: '文章' }).click();
  await page.getByRole('heading', { level: 1, name: '文章管理' }).waitFor();
  // (Once it has read the list again: the copy from before the save shows meanwhile.)
  await page.locator('.console-list__item').first().getByRole('link', { name: article.title }).waitFor();
  // Its category in the list's filter: the API is asked for that category, and it still comes first.
  const filters = page.getByRole('search', { name: '筛选文章' });
  const byCategory = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/v1/admin/articles' && new URL(response.url()).searchParams.has('category'),
  );
  await filters.getByLabel('栏目').selectOption({ label: '特稿' });
  await page.waitForURL(/[?&]category=/);
  assert.equal((await byCategory).status(), 200);
  await page.locator('.console-list__item').first().getByRole('link', { name: article.title }).waitFor();
  // A flag it does not have: not listed.
  await filters.getByLabel('标记').selectOption({ label: '头条' });
  await page.waitForURL(/[?&]flag=headline/);
  await page.getByRole('link', { name: article.title }).waitFor({ state: 'detached' });

  // First in 特稿 on the home page, and readers get it as written.
  const block = await homeLeadingWith(page, article.title);
  await block.getByRole('link', { name: article.title }).click();
  await page.getByRole('main').getByRole('heading', { level: 1, name: article.title }).waitFor();
  articleUrl = page.url();
  articleId = saved.id;
  assert.equal(new URL(articleUrl).pathname, `/a/${saved.id}`);
  const body = page.getByRole('article');
  await body.getByRole('heading', { level: 2, name: article.heading }).waitFor();
  await body.getByText(`作者: ${article.author}`).waitFor();
  const readerImage = body.getByRole('img', { name: article.imageAlt });
  await readerImage.waitFor();
  assert.equal(await readerImage.getAttribute('src'), media.url);
  assert.deepEqual(dialogs, []);

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a member who types /admin is turned away, and the console asks the API for nothing', async () => {
  assert.ok(server);
  const { page } = await newPage();
  const problems = watchForProblems(page);
  const asked = consoleRequests(page);

  await page.goto(`${server.baseUrl}/`);
  await signIn(page, member);
  assert.equal(await loginBox(page).getByRole('link', { name: '管理后台' }).count(), 0);

  await page.goto(`${server.baseUrl}/admin`);
  await page.getByRole('heading', { level: 1, name: '无权访问' }).waitFor();
  await waitForTitle(page, '无权访问 - 当代秘书');
  assert.equal(await page.getByRole('navigation', { name: '管理后台' }).count(), 0);
  assert.equal(await page.getByRole('form').filter({ hasText: '正文' }).count(), 0);

  // Deeper addresses too.
  await page.goto(`${server.baseUrl}/admin/articles/new`);
  await page.getByRole('heading', { level: 1, name: '无权访问' }).waitFor();
  assert.equal(await page.getByRole('form', { name: '新建文章' }).count(), 0);
  await page.screenshot({ path: path.join(resultsDir, 'admin-refused-desktop.png') });

  await page.waitForLoadState('networkidle');
  assert.deepEqual(asked, []);
  assert.deepEqual(problems, []);
  await page.context().close();
});

/**
 * A member comments on the article through the API (a captcha, then the comment); a new member's
 * comment waits for review.
 * @param {{ username: string, password: string }} account
 * @param {string} content
 */
async function commentAs(account, content) {
  const token = await accessToken(account);
  const captchaResponse = await api('POST', '/api/v1/captchas');
  const answer = await answerOf(captchaResponse);
  const { id } = /** @type {{ id: string }} */ (await captchaResponse.json());
  const response = await api('POST', `/api/v1/articles/${articleId}/comments`, {
    token,
    body: { content, captcha_id: id, captcha_answer: answer },
  });
  const text = await response.text();
  assert.equal(response.status, 201, text);
  assert.equal(/** @type {{ status: string }} */ (JSON.parse(text)).status, 'pending');
}

test('an admin approves waiting comments in bulk, makes an API token, and finds both in the audit log', async () => {
  assert.ok(server);
  assert.ok(articleId, 'the first journey published an article');
  await commentAs(member, '写得很好，受益匪浅。');
  await commentAs(secondMember, '<b>秘书工作</b>要讲政治。');
  const { page, dialogs } = await newPage();
  const problems = watchForProblems(page);
  /** @param {string} what */
  const shot = (what) => path.join(resultsDir, `admin-${what}-desktop.png`);

  // The queue: both comments as text, all selected, approved in one request.
  await page.goto(`${server.baseUrl}/admin/comments`);
  await page.getByRole('heading', { level: 1, name: '请先登录' }).waitFor();
  await signIn(page, { ...admin, displayName: admin.username });
  await page.getByRole('heading', { level: 1, name: '评论审核' }).waitFor();
  await waitForTitle(page, '评论审核 - 管理后台 - 当代秘书');
  const nav = page.getByRole('navigation', { name: '管理后台' });
  assert.deepEqual(await nav.getByRole('link').allTextContents(), ['文章', '栏目', '评论审核', 'API 令牌', '会员', '审计日志']);
  await page.getByText('<b>秘书工作</b>要讲政治。', { exact: true }).waitFor();
  await page.getByText('写得很好，受益匪浅。', { exact: true }).waitFor();
  await page.screenshot({ path: shot('comments'), fullPage: true });
  const bar = page.getByRole('group', { name: '批量操作' });
  await bar.getByLabel('全选本页').check();
  await bar.getByText('已选 2 条').waitFor();
  const bulk = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/admin/comments/bulk');
  await bar.getByRole('button', { name: '通过', exact: true }).click();
  assert.equal((await bulk).status(), 200);
  await page.getByText('已通过 2 条评论。', { exact: true }).waitFor();
  await page.getByText('没有待审核的评论', { exact: true }).waitFor();

  // A token that moderates comments: its secret once, and it works.
  await nav.getByRole('link', { name: 'API 令牌' }).click();
  const form = page.getByRole('form', { name: '创建 API 令牌' });
  await form.getByLabel('名称', { exact: true }).fill('审核脚本');
  await form.getByLabel('审核评论', { exact: true }).check();
  await form.getByRole('button', { name: '创建令牌' }).click();
  const secret = page.getByRole('region', { name: '新令牌' });
  const value = await secret.getByLabel('令牌', { exact: true }).inputValue();
  assert.match(value, /^kw_[0-9a-f]{64}$/);
  const row = page.getByRole('row', { name: /审核脚本/ });
  await row.waitFor();
  assert.ok((await row.textContent())?.includes('从未使用'));
  await page.screenshot({ path: shot('tokens'), fullPage: true });
  const approvedByToken = await api('GET', '/api/v1/admin/comments?status=approved', { token: value });
  assert.equal(approvedByToken.status, 200, await approvedByToken.text());
  await page.reload();
  await page.getByRole('row', { name: /审核脚本/ }).waitFor();
  assert.equal(await page.getByRole('region', { name: '新令牌' }).count(), 0);
  assert.equal(await page.getByText(value).count(), 0);
  assert.ok(!(await page.getByRole('row', { name: /审核脚本/ }).textContent())?.includes('从未使用'));

  // The audit log has the article (created published), the moderation and the token; the filter narrows it.
  await nav.getByRole('link', { name: '审计日志' }).click();
  const log = page.getByRole('table', { name: '审计日志' });
  await log.waitFor();
  const actions = await log.locator('tbody tr td:nth-child(3)').allTextContents();
  for (const action of ['新建文章', '批量审核评论', '创建 API 令牌']) {
    assert.ok(actions.includes(action), `the log has ${action}: ${JSON.stringify(actions)}`);
  }
  await page.screenshot({ path: shot('audit'), fullPage: true });
  const filters = page.getByRole('search', { name: '筛选日志' });
  await filters.getByLabel('动作').selectOption({ label: '新建文章' });
  const filtered = page.waitForResponse((response) => new URL(response.url()).searchParams.get('action') === 'article.create');
  await filters.getByRole('button', { name: '筛选' }).click();
  await page.waitForURL(/action=article\.create/);
  assert.equal((await filtered).status(), 200);
  await log.locator('tbody tr').first().waitFor();
  assert.deepEqual([...new Set(await log.locator('tbody tr td:nth-child(3)').allTextContents())], ['新建文章']);
  await log.getByRole('link', { name: `文章 ${articleId}` }).first().waitFor();

  // The members, the editor among them.
  await nav.getByRole('link', { name: '会员' }).click();
  await page.getByRole('heading', { level: 1, name: '会员管理' }).waitFor();
  await page.getByRole('main').getByText(editor.displayName, { exact: true }).and(page.locator('strong')).waitFor();
  await page.screenshot({ path: shot('members'), fullPage: true });

  // And the categories.
  await nav.getByRole('link', { name: '栏目' }).click();
  await page.getByRole('list', { name: '全部栏目' }).getByRole('link', { name: '特稿' }).waitFor();
  await page.screenshot({ path: shot('categories'), fullPage: true });

  // The admin's pages on a phone: tables scroll inside their box, nothing widens the page.
  await page.setViewportSize(phone);
  for (const [label, heading] of [
    ['会员', '会员管理'],
    ['审计日志', '审计日志'],
    ['API 令牌', 'API 令牌'],
  ]) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.locator('.console-list, .console-table').first().waitFor();
    await fitsWidth(page, phone.width);
  }
  await page.screenshot({ path: path.join(resultsDir, 'admin-tokens-375.png'), fullPage: true });

  assert.deepEqual(dialogs, []);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('the console fits a 375 px wide screen', async () => {
  assert.ok(server);
  assert.ok(articleUrl, 'the first journey published an article');
  const { page } = await newPage(phone);
  const problems = watchForProblems(page);

  await page.goto(`${server.baseUrl}/admin/articles`);
  await page.getByRole('heading', { level: 1, name: '请先登录' }).waitFor();
  await signIn(page, editor);
  await page.getByRole('heading', { level: 1, name: '文章管理' }).waitFor();
  await page.locator('.console-list__title').first().waitFor();
  await fitsWidth(page, phone.width);
  await page.screenshot({ path: path.join(resultsDir, 'admin-articles-375.png'), fullPage: true });

  await page.locator('.console-list__title').first().click();
  const edit = page.getByRole('form', { name: '编辑文章' });
  await edit.getByRole('region', { name: /预览/ }).getByRole('heading', { level: 2, name: article.heading }).waitFor();
  await fitsWidth(page, phone.width);
  await page.screenshot({ path: path.join(resultsDir, 'admin-editor-375.png'), fullPage: true });

  for (const [label, heading] of [
    ['栏目', '栏目管理'],
    ['评论审核', '评论审核'],
    ['API 令牌', 'API 令牌'],
  ]) {
    await page.getByRole('navigation', { name: '管理后台' }).getByRole('link', { name: label, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.waitForLoadState('networkidle');
    await fitsWidth(page, phone.width);
  }
  console.log(`screenshots: ${resultsDir}/admin-*.png`);

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});
