// Headless Chromium from the system (Debian's package), driven by playwright-core; no browser download.
// Also the helpers the journeys share: the problems a page must not have, titles, captchas, widths.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * An error answer a journey provokes or expects on purpose, matched by method, path and status.
 * @typedef {object} ExpectedError
 * @property {string} method e.g. `POST`
 * @property {string} path the URL's path, e.g. `/api/v1/auth/refresh`
 * @property {number} status e.g. 401
 */

/**
 * The session restore with a refresh cookie the server no longer takes (expired, revoked or reused):
 * 401. A visitor without a cookie gets 204, which is no error, so only a journey that really sends a
 * stale cookie names this.
 * @type {ExpectedError}
 */
export const staleSessionRestore = { method: 'POST', path: '/api/v1/auth/refresh', status: 401 };

/**
 * Records everything on a page that a reader would count as broken: console errors, uncaught
 * exceptions, requests that failed and responses with an error status, except the error answers in
 * `expected`. A journey may change `expected` between its steps (it is read at each event), so an
 * error is only let through where the journey provokes it.
 * @param {import('playwright-core').Page} page
 * @param {ExpectedError[]} [expected]
 * @returns {string[]} filled in as the page runs
 */
export function watchForProblems(page, expected = []) {
  /** @type {string[]} */
  const problems = [];
  /**
   * @param {string | undefined} method undefined when not known (a console message)
   * @param {string} url
   * @param {number} status
   */
  const isExpected = (method, url, status) => {
    const path = url === '' ? '' : new URL(url).pathname;
    return expected.some((each) => (method === undefined || each.method === method) && each.path === path && each.status === status);
  };
  page.on('console', (message) => {
    if (message.type() !== 'error') {
      return;
    }
    // Chromium reports every error answer on the console too; an expected one is no problem there either.
    const failedLoad = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(message.text());
    if (failedLoad && isExpected(undefined, message.location().url, Number(failedLoad[1]))) {
      return;
    }
    problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    // A read the app cancelled is no failure: TanStack Query aborts a query's fetch once no view waits
    // for it (a filter changed while the list was being read again), and Chromium reports it so.
    if (request.method() === 'GET' && reason === 'net::ERR_ABORTED') {
      return;
    }
    problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    const request = response.request();
    if (response.status() >= 400 && !isExpected(request.method(), response.url(), response.status())) {
      problems.push(`HTTP ${response.status()}: ${request.method()} ${response.url()}`);
    }
  });
  return problems;
}

/**
 * Waits until the tab's title is `title`: pages set it once their content (and the site's name) has
 * loaded, a moment after the content shows.
 * @param {import('playwright-core').Page} page
 * @param {string} title
 */
export async function waitForTitle(page, title) {
  try {
    await page.waitForFunction((expected) => document.title === expected, title, { timeout: 5_000 });
  } catch {
    throw new Error(`the page's title is ${JSON.stringify(await page.title())}, not ${JSON.stringify(title)}`);
  }
}

/**
 * Resolves with the next captcha the page asks for. Call it before the action that makes the page
 * ask (opening the form, starting on a comment, a failed submission).
 * @param {import('playwright-core').Page} page
 */
export function nextCaptcha(page) {
  return page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/v1/captchas',
  );
}

/**
 * The captcha's answer, which test builds of the API send in a header (the app never reads it).
 * @param {import('playwright-core').Response | Response} response a browser's or `fetch`'s
 */
export async function answerOf(response) {
  const status = typeof response.status === 'function' ? response.status() : response.status;
  assert.equal(status, 201);
  const answer =
    'allHeaders' in response
      ? (await response.allHeaders())['x-test-captcha-answer']
      : response.headers.get('x-test-captcha-answer');
  assert.match(answer ?? '', /^[1-9]{4}$/, 'the API runs with KANWU_TEST_HOOKS=1');
  return answer ?? '';
}

/**
 * The page is no wider than its screen (nothing to scroll sideways).
 * @param {import('playwright-core').Page} page
 * @param {number} width
 */
export async function fitsWidth(page, width) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${page.url()} is ${scrollWidth} px wide, wider than the ${width} px screen`);
}
