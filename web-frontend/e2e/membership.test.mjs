// A member's journeys against the real API: registering (both kinds, captcha included), staying
// signed in across a reload through the refresh cookie, signing out and in, a wrong password, and
// the member pages on a phone-sized and a desktop screen.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  answerOf,
  fitsWidth,
  launchBrowser,
  nextCaptcha,
  staleSessionRestore,
  waitForTitle,
  watchForProblems,
} from './browser.mjs';
import { startKanwu } from './server.mjs';

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results');
const phone = { width: 375, height: 812 };
const desktop = { width: 1280, height: 900 };
const password = 'kanwu-e2e-2026';
/** Unique per run, though each run has a fresh database: a name of letters of two scripts. */
const suffix = Date.now().toString(36).slice(-6);

/** @type {import('./server.mjs').KanwuServer | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;
/** The personal member the first journey registers, for the later ones. */
const personal = { username: `读者${suffix}`, displayName: '秘书小周' };

before(async () => {
  server = await startKanwu();
  browser = await launchBrowser();
  await mkdir(resultsDir, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * A fresh browser (no cookies) at `viewport`.
 * @param {{ width: number, height: number }} [viewport]
 */
async function newPage(viewport = desktop) {
  assert.ok(browser, 'the browser did not start');
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  return context.newPage();
}

/** @param {import('playwright-core').Page} page */
function loginBox(page) {
  return page.getByRole('region', { name: /会员登录/ });
}

/**
 * Fills in fields of `form` by their labels.
 * @param {import('playwright-core').Locator} form
 * @param {Record<string, string>} values
 */
async function fill(form, values) {
  for (const [label, value] of Object.entries(values)) {
    await form.getByLabel(label, { exact: true }).fill(value);
  }
}

/**
 * Signs in with the login box.
 * @param {import('playwright-core').Page} page
 * @param {string} username
 * @param {string} secret
 */
async function signIn(page, username, secret) {
  const box = loginBox(page);
  await box.getByLabel('用户名').fill(username);
  await box.getByLabel('密码').fill(secret);
  await box.getByRole('button', { name: '登录' }).click();
}

test('a reader registers as a personal member, stays signed in across a reload, signs out and in again', async () => {
  assert.ok(server);
  const page = await newPage();
  const problems = watchForProblems(page);

  await page.goto(`${server.baseUrl}/`);
  const box = loginBox(page);
  await box.getByLabel('用户名').waitFor();
  const captcha = nextCaptcha(page);
  await box.getByRole('link', { name: '个人会员' }).click();
  await page.waitForURL(/\/register\?kind=personal$/);
  await waitForTitle(page, '会员注册 - 当代秘书');
  const form = page.getByRole('form', { name: '个人会员注册' });
  await fill(form, {
    用户名: personal.username,
    密码: password,
    确认密码: password,
    显示名称: personal.displayName,
    电子邮箱: `reader-${suffix}@example.org`,
    验证码: await answerOf(await captcha),
  });
  await form.getByRole('button', { name: '提交注册' }).click();

  // Signed in at once, in the member centre.
  await page.waitForURL(/\/member$/);
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 1, name: /会员中心/ }).waitFor();
  await waitForTitle(page, '会员中心 - 当代秘书');
  await box.getByText(personal.displayName, { exact: true }).waitFor();
  await main.getByText(personal.username, { exact: true }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);

  // A reload restores the session from the refresh cookie.
  await page.reload();
  await main.getByRole('heading', { level: 1, name: /会员中心/ }).waitFor();
  await box.getByText(personal.displayName, { exact: true }).waitFor();

  // 退出: the login box again, and the member centre is left for the home page.
  await box.getByRole('button', { name: '退出' }).click();
  await box.getByLabel('用户名').waitFor();
  await page.waitForURL(`${server.baseUrl}/`);
  assert.equal(await box.getByText(personal.displayName, { exact: true }).count(), 0);

  await signIn(page, personal.username, password);
  await box.getByText(personal.displayName, { exact: true }).waitFor();
  await box.getByRole('link', { name: '会员中心' }).click();
  await main.getByRole('heading', { level: 1, name: /会员中心/ }).waitFor();

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a company registers as an enterprise member and is told its account awaits review', async () => {
  assert.ok(server);
  const page = await newPage();
  /** @type {import('./browser.mjs').ExpectedError[]} */
  const expected = [{ method: 'POST', path: '/api/v1/members', status: 409 }];
  const problems = watchForProblems(page, expected);

  const firstCaptcha = nextCaptcha(page);
  await page.goto(`${server.baseUrl}/register?kind=enterprise`);
  const form = page.getByRole('form', { name: '企业会员注册' });
  await fill(form, {
    // Taken by the first journey: the server says so, by the field.
    用户名: personal.username,
    密码: password,
    确认密码: password,
    企业名称: '秘书文化传播有限公司',
    统一社会信用代码: '91350100M000100Y43',
    联系人: '张三',
    联系人电话: '0591-87654321',
    电子邮箱: `office-${suffix}@example.org`,
    网址: 'https://example.org',
    验证码: await answerOf(await firstCaptcha),
  });
  const secondCaptcha = nextCaptcha(page);
  await form.getByRole('button', { name: '提交注册' }).click();

  await form.getByText('该用户名已被注册，请换一个').waitFor();
  assert.equal(await form.getByLabel('用户名').getAttribute('aria-invalid'), 'true');
  // The old captcha is used up: a new image, and its answer.
  const answer = await answerOf(await secondCaptcha);
  assert.equal(await form.getByLabel('验证码').inputValue(), '');
  await fill(form, { 用户名: `企业${suffix}`, 验证码: answer });
  await form.getByRole('button', { name: '提交注册' }).click();

  await page.waitForURL(/\/member$/);
  const main = page.getByRole('main');
  await main.getByText('企业会员资料审核中…').waitFor();
  await loginBox(page).getByText('企业会员资料审核中…').waitFor();
  await loginBox(page).getByText('秘书文化传播有限公司', { exact: true }).waitFor();
  await main.getByText('91350100M000100Y43', { exact: true }).waitFor();

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a wrong password, or an unknown name, gets the one generic message', async () => {
  assert.ok(server);
  const page = await newPage();
  const problems = watchForProblems(page, [{ method: 'POST', path: '/api/v1/auth/login', status: 401 }]);

  await page.goto(`${server.baseUrl}/`);
  const box = loginBox(page);
  await signIn(page, personal.username, 'not-the-password');
  const alert = box.getByRole('alert');
  await alert.getByText('用户名或密码错误', { exact: true }).waitFor();

  // Listening before the click: the answer may come back before the next line would start to listen.
  const second = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/auth/login');
  await signIn(page, `nobody${suffix}`, 'not-the-password');
  await second;
  await alert.getByText('用户名或密码错误', { exact: true }).waitFor();
  assert.equal(await box.getByRole('alert').count(), 1);
  assert.equal(await box.getByRole('button', { name: '退出' }).count(), 0);

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a visitor without a session is signed out quietly, and a stale cookie signs nobody in', async () => {
  assert.ok(server);
  const page = await newPage();
  /** @type {import('./browser.mjs').ExpectedError[]} */
  const expected = [];
  const problems = watchForProblems(page, expected);
  /** The app's one session restore as it starts. */
  const restore = () =>
    page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/auth/refresh');
  let restores = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/auth/refresh') {
      restores += 1;
    }
  });

  // A browser seen for the first time asks once; no refresh cookie: 204, which is no error at all.
  const first = restore();
  await page.goto(`${server.baseUrl}/`);
  assert.equal((await first).status(), 204);
  await loginBox(page).getByLabel('用户名').waitFor();

  // The browser remembers there was no session: the next visit does not ask.
  await page.reload();
  await loginBox(page).getByLabel('用户名').waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(restores, 1);

  // A browser whose last visit ended signed in, with a cookie the server never issued (or revoked):
  // 401, and still the login box.
  await page.evaluate(() => localStorage.setItem('kanwu-session', 'signed-in'));
  await page.context().addCookies([
    {
      name: 'kanwu_refresh',
      value: 'not-a-session-the-server-knows',
      domain: '127.0.0.1',
      path: '/api/v1/auth',
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    },
  ]);
  expected.push(staleSessionRestore);
  const second = restore();
  await page.reload();
  assert.equal((await second).status(), 401);
  await loginBox(page).getByLabel('用户名').waitFor();
  assert.equal(await loginBox(page).getByRole('button', { name: '退出' }).count(), 0);

  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.context().close();
});

for (const [name, viewport] of /** @type {const} */ ([
  ['375', phone],
  ['desktop', desktop],
])) {
  test(`the member pages fit a ${name === '375' ? '375 px wide' : 'desktop'} screen`, async () => {
    assert.ok(server);
    const page = await newPage(viewport);
    const problems = watchForProblems(page);
    /** @param {string} what */
    const shot = (what) => path.join(resultsDir, `${what}-${name}.png`);

    await page.goto(`${server.baseUrl}/`);
    const box = loginBox(page);
    await box.getByLabel('用户名').waitFor();
    await box.screenshot({ path: shot('login-box') });

    const captcha = nextCaptcha(page);
    await page.goto(`${server.baseUrl}/register?kind=enterprise`);
    const form = page.getByRole('form', { name: '企业会员注册' });
    await answerOf(await captcha);
    await form.getByRole('img', { name: '验证码图片' }).waitFor();
    await fitsWidth(page, viewport.width);
    await page.screenshot({ path: shot('register'), fullPage: true });
    // Sent empty: every required field says what it needs, without asking the server.
    await form.getByRole('button', { name: '提交注册' }).click();
    await form.getByText('请填写统一社会信用代码').waitFor();
    await fitsWidth(page, viewport.width);
    await page.screenshot({ path: shot('register-errors'), fullPage: true });

    await page.goto(`${server.baseUrl}/`);
    await signIn(page, personal.username, password);
    await box.getByText(personal.displayName, { exact: true }).waitFor();
    await box.screenshot({ path: shot('login-box-signed-in') });
    await box.getByRole('link', { name: '会员中心' }).click();
    const main = page.getByRole('main');
    await main.getByRole('heading', { level: 1, name: /会员中心/ }).waitFor();
    await main.getByRole('button', { name: '修改资料' }).click();
    await main.getByRole('form', { name: '修改会员资料' }).waitFor();
    await fitsWidth(page, viewport.width);
    await page.screenshot({ path: shot('member-centre'), fullPage: true });
    console.log(`screenshots: ${resultsDir}/*-${name}.png`);

    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, []);
    await page.context().close();
  });
}
